import { useState } from 'react';
import { useLocation } from 'react-router';
import { signIn } from '../auth/oidc.ts';
import { ProblemAlert } from '../ui/ProblemAlert.tsx';

/** What anyone sees before signing in, whatever admin path they opened. */
export function SignedOutPage() {
  const location = useLocation();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const start = () => {
    setBusy(true);
    setError(undefined);
    const returnTo = location.pathname === '/' || location.pathname === '/callback' ? '/orders' : location.pathname + location.search;
    signIn(returnTo).catch((failure: unknown) => {
      setError(failure);
      setBusy(false);
    });
  };
  return (
    <main className="signed-out">
      <div className="card sign-in-card">
        <h1>Mercato admin</h1>
        <p>Sign in with your staff account to manage products, prices, stock and orders.</p>
        <ProblemAlert error={error} />
        <button type="button" className="button primary wide" onClick={start} disabled={busy}>
          Sign in
        </button>
      </div>
    </main>
  );
}
