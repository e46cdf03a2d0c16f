/** A GraphQL error as the BFF reports it: a service problem keeps its code, status, title and detail. */
export type GraphQLErrorBody = {
  message: string;
  path?: Array<string | number>;
  extensions?: { code?: string; status?: number; title?: string; detail?: string };
};

export class ApiError extends Error {
  readonly code: string | undefined;
  readonly status: number | undefined;
  readonly detail: string | undefined;

  constructor(error: GraphQLErrorBody) {
    super(error.extensions?.detail ?? error.extensions?.title ?? error.message);
    this.name = 'ApiError';
    this.code = error.extensions?.code;
    this.status = error.extensions?.status;
    this.detail = error.extensions?.detail;
  }
}

/** A message a customer can act on, for any error a call may throw. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === 'payment-declined') return 'Your card was declined. Please use another card — your cart has not changed.';
    if (error.code === 'insufficient-stock') return 'Some items are no longer available in the quantity you asked for. Please review your cart.';
    if (error.code === 'payment-timeout') return 'The payment provider did not answer in time. Nothing was charged; please try again.';
    return error.message;
  }
  if (error instanceof TypeError) return 'We could not reach the shop. Check your connection and try again.';
  return error instanceof Error ? error.message : 'Something went wrong.';
}
