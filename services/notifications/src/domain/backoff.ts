/** Retry policy of the sender: attempts, first delay, longest delay (all from configuration). */
export interface RetryPolicy {
  maxAttempts: number;
  baseMs: number;
  maxMs: number;
}

/** The wait before the next attempt after `failedAttempts` failures: base, 2×base, 4×base… capped. */
export function retryDelay(failedAttempts: number, policy: RetryPolicy): number {
  return Math.min(policy.baseMs * 2 ** Math.max(0, failedAttempts - 1), policy.maxMs);
}

/** Whether a message that failed `failedAttempts` times is given up. */
export function exhausted(failedAttempts: number, policy: RetryPolicy): boolean {
  return failedAttempts >= policy.maxAttempts;
}
