import { Suspense, useEffect, useRef } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { Loading } from './Feedback.tsx';
import { Header } from './Header.tsx';
import './Footer.css';

export function Layout() {
  const { pathname } = useLocation();
  const firstPage = useRef(true);
  // A new page starts at its top, and keyboard and screen reader users start at its content
  // (the link they followed is gone). Not on the first load: the browser handles that one.
  useEffect(() => {
    window.scrollTo(0, 0); // (newer Chromium returns a promise here: never hand it to React as a cleanup)
    if (firstPage.current) firstPage.current = false;
    else document.getElementById('main')?.focus({ preventScroll: true });
  }, [pathname]);
  return (
    <>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <Header />
      <main id="main" tabIndex={-1}>
        <div className="container">
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        </div>
      </main>
      <footer className="footer">
        <div className="container footer__inner">
          <p>
            <strong>Mercato</strong> — good things, fairly priced. Free returns within 30 days.
          </p>
          <nav aria-label="Footer">
            {/* Few links here on purpose: the header's "Cart" and "Account" stay the only ones of those names. */}
            <Link to="/search">All products</Link>
          </nav>
        </div>
      </footer>
    </>
  );
}
