import type { CartConfig } from '../config.ts';
import { expiresAt } from '../domain/access.ts';
import type { Cart } from '../domain/cart.ts';
import type { CartView, CheckoutCartView } from './schemas.ts';

/** A cart as the API shows it. */
export function cartView(cart: Cart, config: CartConfig, extra: { token?: string; pricingProblem?: { code: string; detail: string } } = {}): CartView {
  const priced = cart.priced!;
  return {
    id: cart.id,
    kind: cart.accountId === null ? 'guest' : 'customer',
    status: cart.status === 'checking_out' ? 'checking_out' : 'open',
    checkoutId: cart.status === 'checking_out' ? cart.checkoutId : null,
    currency: cart.currency,
    minorUnits: cart.minorUnits,
    taxMode: priced.taxMode,
    channel: cart.channel,
    shipping: cart.shipping,
    lines: priced.lines,
    coupons: priced.coupons,
    discounts: priced.discounts as CartView['discounts'],
    totals: {
      subtotal: priced.subtotal,
      discounts: priced.discountTotal,
      tax: priced.taxTotal,
      shipping: priced.shippingTotal,
      grandTotal: priced.grandTotal,
      complete: priced.taxTotal !== null,
    },
    notices: cart.notices,
    ...(extra.pricingProblem ? { pricingProblem: extra.pricingProblem } : {}),
    pricedAt: priced.pricedAt,
    version: cart.version,
    createdAt: cart.createdAt.toISOString(),
    updatedAt: cart.updatedAt.toISOString(),
    expiresAt: expiresAt(cart, config).toISOString(),
    ...(extra.token ? { token: extra.token } : {}),
  };
}

/** A cart as the checkout service sees it. */
export function checkoutCartView(cart: Cart, config: CartConfig): CheckoutCartView {
  const { status: _status, token: _token, ...view } = cartView(cart, config);
  return { ...view, status: cart.status as CheckoutCartView['status'], checkoutId: cart.checkoutId, accountId: cart.accountId, orderId: cart.orderId };
}
