import { Suspense } from 'react';
import { NavLink, Outlet } from 'react-router';
import { signOut } from '../auth/oidc.ts';
import { api } from '../api/http.ts';
import { useSession } from '../auth/useSession.ts';
import { Loading } from './states.tsx';
import { useAsync } from './useAsync.ts';

const NAV = [
  { to: '/products', label: 'Products' },
  { to: '/import', label: 'Import' },
  { to: '/pricing', label: 'Pricing' },
  { to: '/inventory', label: 'Inventory' },
  { to: '/orders', label: 'Orders' },
  { to: '/customers', label: 'Customers' },
  { to: '/system', label: 'System' },
] as const;

/** The signed-in frame: sidebar navigation, the signed-in staff member, and the page. */
export function Layout() {
  const session = useSession();
  const me = useAsync((signal) => api<{ email: string; name?: string; roles: string[] }>('/api/identity/me', { signal }), []);
  return (
    <div className="shell">
      <a className="skip-link" href="#content">
        Skip to content
      </a>
      <aside className="sidebar">
        <p className="brand">
          Mercato <span>admin</span>
        </p>
        <nav aria-label="Main">
          <ul>
            {NAV.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to}>{item.label}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="sidebar-footer">
          {me.data ? (
            <p className="who">
              <span className="who-name">{me.data.name ?? me.data.email}</span>
              {me.data.email}
            </p>
          ) : null}
          <button type="button" className="button ghost" onClick={() => void signOut(session)}>
            Sign out
          </button>
        </div>
      </aside>
      <main id="content" className="content" tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}
