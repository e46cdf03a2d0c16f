import { ProblemError, type CallOptions, type ServiceClient } from '@mercato/kit';

/**
 * One call of a saga step to another service: JSON, with the step's timeout and, for writes, an
 * Idempotency-Key derived from the checkout id and the step, so that the same step sent again
 * (a retry, or a resumed saga after a crash) is answered with the first result instead of acting twice.
 */
export async function send<T>(client: ServiceClient, path: string, options: CallOptions & { key?: string; timeoutMs: number }): Promise<T> {
  const { key, ...rest } = options;
  return client.json<T>(path, { method: 'POST', ...rest, headers: { ...rest.headers, ...(key ? { 'idempotency-key': key } : {}) } });
}

/** The Idempotency-Key of a saga step's call (unique per checkout and step, and per item within a step). */
export function stepKey(checkoutId: string, step: string, item?: string): string {
  return item ? `${checkoutId}:${step}:${item}` : `${checkoutId}:${step}`;
}

/**
 * Whether a failed call may succeed if sent again: the target was unavailable, timed out or failed
 * (5xx), or the same Idempotency-Key is still being processed. A 4xx is the target's answer.
 */
export function isTransient(error: unknown): boolean {
  if (!(error instanceof ProblemError)) return true;
  return error.status >= 500 || error.spec.code === 'idempotency-key-in-use' || error.status === 429;
}

/** Whether a call failed with the given problem code (or HTTP status). */
export function failedWith(error: unknown, code: string | number): boolean {
  return error instanceof ProblemError && (typeof code === 'number' ? error.status === code : error.spec.code === code);
}
