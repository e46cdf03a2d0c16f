import { defineErrors } from '@mercato/kit';

/**
 * The checkout service's error catalog; each code is documented in docs/reference/errors.md. A
 * failed checkout answers with the problem that ended it, with a `checkoutId` extension. Problems
 * of the services the saga calls (the cart's `cart-not-found`, `cart-empty`, `shipping-required`,
 * inventory's `insufficient-stock`, pricing's coupon and SKU problems, payments' `unsupported-card`)
 * reach the caller with their own code (`saga/upstream.ts`).
 */
export const checkoutErrors = defineErrors({
  checkoutNotFound: { status: 404, title: 'No such checkout' },
  idempotencyKeyRequired: { status: 428, title: 'Starting a checkout needs an Idempotency-Key header' },
  emailRequired: { status: 422, title: 'A guest checkout needs an email address' },
  paymentDeclined: { status: 402, title: 'The payment was declined' },
  paymentFailed: { status: 502, title: 'The payment could not be authorized' },
  paymentTimeout: { status: 504, title: 'The payment did not complete in time' },
  orderRejected: { status: 502, title: 'The order service refused the order' },
  checkoutTimeout: { status: 504, title: 'The checkout did not finish in time and was rolled back' },
  checkoutInterrupted: { status: 503, title: 'The checkout was interrupted and rolled back; start it again' },
});
