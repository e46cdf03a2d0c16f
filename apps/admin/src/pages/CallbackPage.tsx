import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { completeSignIn } from '../auth/oidc.ts';
import { ProblemAlert } from '../ui/ProblemAlert.tsx';
import { Loading } from '../ui/states.tsx';

/** The OIDC redirect target: trades the code for tokens, then returns to where sign-in started. */
export function CallbackPage() {
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    completeSignIn(new URL(location.href)).then(
      (returnTo) => navigate(returnTo, { replace: true }),
      (failure: unknown) => setError(failure),
    );
  }, [navigate]);
  return (
    <main className="signed-out">
      <div className="card sign-in-card">
        <h1>Mercato admin</h1>
        {error ? (
          <>
            <ProblemAlert error={error} />
            <button type="button" className="button primary wide" onClick={() => navigate('/', { replace: true })}>
              Back to sign in
            </button>
          </>
        ) : (
          <Loading label="Signing you in…" />
        )}
      </div>
    </main>
  );
}
