/** The provider did not answer within the configured time. */
export class ProviderTimeoutError extends Error {
  constructor(ms: number) {
    super(`The payment provider did not answer within ${ms} ms`);
  }
}

/**
 * Runs a provider call with a deadline: past it the call's signal is aborted and the caller gets a
 * `ProviderTimeoutError` at once, whatever the provider does afterwards.
 */
export async function withDeadline<T>(ms: number, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new ProviderTimeoutError(ms));
    }, ms);
  });
  try {
    return await Promise.race([call(controller.signal), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** The provider idempotency key of an operation on an intent (refunds add the refund id). */
export function providerKey(intentId: string, operation: 'authorize' | 'capture' | 'void' | 'refund', refundId?: string): string {
  return refundId ? `${intentId}:${operation}:${refundId}` : `${intentId}:${operation}`;
}
