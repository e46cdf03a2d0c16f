import { checkoutCompleted, checkoutFailed } from '@mercato/contracts';
import type { Checkout } from '../domain/checkout.ts';
import type { CheckoutContext, Tx } from '../store/context.ts';

/** Announces how a checkout ended, in the transaction of its final write (outbox). */
export async function publishOutcome(ctx: CheckoutContext, tx: Tx, checkout: Checkout): Promise<void> {
  const { data } = checkout;
  const ref = { id: checkout.id, cartId: checkout.cartId, accountId: checkout.accountId };
  const now = new Date().toISOString();
  if (checkout.status === 'completed') {
    await ctx.events.publish(tx, {
      type: checkoutCompleted.type,
      subject: checkout.id,
      data: { ...ref, orderId: data.orderId, paymentIntentId: data.intent!.id, currency: data.cart!.currency, totals: data.quote!.totals, completedAt: now },
    });
  } else {
    await ctx.events.publish(tx, { type: checkoutFailed.type, subject: checkout.id, data: { ...ref, failure: { code: data.failure!.code, message: data.failure!.message }, failedAt: now } });
  }
}
