import { ApiError } from '../../api/errors.ts';
import { mutate, query } from '../../api/client.ts';
import { CHECKOUT, PLACE_ORDER } from '../../api/queries.ts';
import type { Checkout, CheckoutInput } from '../../api/types.ts';

const POLL_MS = 1000;
const POLL_LIMIT = 45;

/**
 * Places the order and waits for the saga's outcome: `processing` (past placement, still retrying)
 * is polled until it completes. A failed checkout is thrown like a service problem.
 */
export async function placeOrder(input: CheckoutInput, idempotencyKey: string, cartToken: string | null): Promise<Checkout> {
  const options = { cartToken };
  let checkout = (await mutate<{ checkout: Checkout }>(PLACE_ORDER, { input, idempotencyKey }, options)).checkout;
  for (let attempt = 0; checkout.status === 'processing' && attempt < POLL_LIMIT; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    checkout = (await query<{ checkout: Checkout | null }>(CHECKOUT, { id: checkout.id }, options)).checkout ?? checkout;
  }
  if (checkout.failure) {
    throw new ApiError({ message: checkout.failure.title, extensions: { code: checkout.failure.code, title: checkout.failure.title, detail: checkout.failure.detail ?? undefined } });
  }
  if (!checkout.orderId) throw new ApiError({ message: 'Your order is still being processed. Check your email or your account in a minute.' });
  return checkout;
}
