import { defineErrors } from '@mercato/kit';

/**
 * The cart service's error catalog; each code is documented in docs/reference/errors.md. Problems
 * the pricing service raises while pricing a cart (unknown or unpriced SKU, unsupported country,
 * shipping unavailable, currency not sold) reach the caller with pricing's code, their pointers
 * renamed to the cart request's fields (`pricing/focus.ts`, `pricing/pricing-problems.ts`).
 */
export const cartErrors = defineErrors({
  cartNotFound: { status: 404, title: 'No such cart' },
  lineNotFound: { status: 404, title: 'The cart has no line with this SKU' },
  couponNotFound: { status: 404, title: 'The cart has no such coupon' },
  cartExists: { status: 409, title: 'You already have an open cart' },
  cartCheckingOut: { status: 409, title: 'A checkout holds the cart; it cannot change until the checkout ends' },
  cartNotInCheckout: { status: 409, title: 'The cart is not held by this checkout' },
  cartBusy: { status: 409, title: 'The cart kept changing while this change was applied; try again' },
  quantityOverLimit: { status: 422, title: 'The line would exceed the maximum quantity' },
  tooManyLines: { status: 422, title: 'The cart has the maximum number of lines' },
  tooManyCoupons: { status: 422, title: 'The cart has the maximum number of coupons' },
  cartEmpty: { status: 422, title: 'The cart has no lines to check out' },
  shippingRequired: { status: 422, title: 'The cart needs a shipping destination before checkout' },
  couponNotApplicable: { status: 422, title: 'The coupon does not apply to this cart' },
});
