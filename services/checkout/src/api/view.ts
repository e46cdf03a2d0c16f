import type { Checkout } from '../domain/checkout.ts';
import type { CheckoutView } from './schemas.ts';

/** A checkout as the API shows it (a rollback in progress is still `processing`). */
export function checkoutView(checkout: Checkout): CheckoutView {
  const { data } = checkout;
  return {
    id: checkout.id,
    status: checkout.status === 'compensating' ? 'processing' : checkout.status,
    step: checkout.step,
    cartId: checkout.cartId,
    orderId: checkout.orderId,
    failure: checkout.status === 'failed' && data.failure ? { code: data.failure.code, message: data.failure.message } : null,
    currency: data.cart?.currency ?? null,
    totals: data.quote?.totals ?? null,
    payment: { intentId: data.intent?.id ?? null, card: data.request.card },
    createdAt: checkout.createdAt.toISOString(),
    updatedAt: checkout.updatedAt.toISOString(),
  };
}
