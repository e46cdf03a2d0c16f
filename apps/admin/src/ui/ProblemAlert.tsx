import { problemOf } from '../api/problem.ts';

/** An error as role=alert: the problem's title, its detail and any per-field errors. */
export function ProblemAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  if (!error) return null;
  const problem = problemOf(error);
  const fieldErrors = problem.errors ?? [];
  // Retrying helps with outages and rate limits, not with a request the API refused on its merits.
  const retryable = problem.status === 0 || problem.status === 429 || problem.status >= 500;
  return (
    <div role="alert" className="alert">
      <p className="alert-title">
        {problem.title}
        {problem.status ? <span className="alert-status"> ({problem.status}{problem.code ? ` ${problem.code}` : ''})</span> : null}
      </p>
      {problem.detail && problem.detail !== problem.title ? <p>{problem.detail}</p> : null}
      {fieldErrors.length > 0 && (
        <ul>
          {fieldErrors.map((e, i) => (
            <li key={i}>
              {e.pointer ?? e.field ? <code>{e.pointer ?? e.field}</code> : null} {e.detail ?? e.message}
            </li>
          ))}
        </ul>
      )}
      {onRetry && retryable && (
        <button type="button" className="button small" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
