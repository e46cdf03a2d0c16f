import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useAuth } from '../auth/AuthContext.tsx';
import { completeSignIn } from '../auth/oidc.ts';
import { Loading } from '../components/Feedback.tsx';
import { useTitle } from '../lib/useTitle.ts';

/** The OIDC redirect target: swaps the code for tokens, then returns where the sign-in started. */
export default function CallbackPage() {
  useTitle('Signing in');
  const { acceptSession } = useAuth();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  // The code works once; StrictMode's second effect run must not spend it again.
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    completeSignIn(new URL(location.href))
      .then(({ session, returnTo }) => {
        acceptSession(session);
        void navigate(returnTo.startsWith('/') && !returnTo.startsWith('/callback') ? returnTo : '/', { replace: true });
      })
      .catch((failure: unknown) => setError(failure instanceof Error ? failure.message : 'Sign-in failed.'));
  }, [acceptSession, navigate]);

  if (!error) return <Loading label="Signing you in…" />;
  return (
    <section className="card" style={{ maxWidth: '32rem' }}>
      <h1>Sign-in did not complete</h1>
      <p role="alert">{error}</p>
      <Link to="/" className="button">
        Back to the shop
      </Link>
    </section>
  );
}
