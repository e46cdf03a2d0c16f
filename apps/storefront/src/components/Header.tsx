import { useState } from 'react';
import { Link, NavLink } from 'react-router';
import { CATEGORIES } from '../api/queries.ts';
import type { Category } from '../api/types.ts';
import { useAuth } from '../auth/AuthContext.tsx';
import { useCart } from '../cart/CartContext.tsx';
import { useQuery } from '../lib/useQuery.ts';
import { SearchBox } from './SearchBox.tsx';
import './Header.css';

function AccountActions() {
  const { signedIn, signIn, signOut } = useAuth();
  const [failed, setFailed] = useState(false);
  if (!signedIn) {
    return (
      <>
        <button type="button" className="header__action" onClick={() => signIn().catch(() => setFailed(true))}>
          Sign in
        </button>
        {failed && (
          <p role="alert" className="header__error">
            Sign-in is unavailable right now.
          </p>
        )}
      </>
    );
  }
  return (
    <>
      <Link to="/account" className="header__action">
        Account
      </Link>
      <button type="button" className="header__action" onClick={() => void signOut()}>
        Sign out
      </button>
    </>
  );
}

export function Header() {
  const { cart } = useCart();
  const categories = useQuery<{ categories: Category[] }>(CATEGORIES);
  const count = cart?.itemCount ?? 0;
  return (
    <header className="header">
      <div className="container header__bar">
        <Link to="/" className="header__logo" aria-label="Mercato home">
          <span aria-hidden="true" className="header__mark">M</span>
          <span>Mercato</span>
        </Link>
        <div className="header__search">
          <SearchBox />
        </div>
        <nav className="header__actions" aria-label="Your shop">
          <AccountActions />
          <Link to="/cart" className="header__action header__cart">
            <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
              <path fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" d="M3 4h2l2.4 11h10.2L20 8H6.2M9 20h.01M17 20h.01" />
            </svg>
            <span>Cart ({count})</span>
          </Link>
        </nav>
      </div>
      {categories.data && categories.data.categories.length > 0 && (
        <nav className="header__categories" aria-label="Categories">
          <ul className="container">
            {categories.data.categories.map((category) => (
              <li key={category.id}>
                <NavLink to={`/c/${category.id}`}>{category.name}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
      )}
    </header>
  );
}
