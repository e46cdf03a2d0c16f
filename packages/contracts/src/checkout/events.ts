import { Type } from '@sinclair/typebox';
import { defineEvent } from '../event-contract.ts';
import { CurrencyCode, MinorUnits } from '../pricing/primitives.ts';

const CheckoutTotals = Type.Object({
  subtotal: MinorUnits,
  discountTotal: MinorUnits,
  taxTotal: MinorUnits,
  shippingTotal: MinorUnits,
  grandTotal: MinorUnits,
});

const CheckoutRef = {
  id: Type.String({ description: 'The checkout id (also the reference of its reservation, coupon redemptions and payment intent)' }),
  cartId: Type.String(),
  accountId: Type.Union([Type.String(), Type.Null()], { description: 'null for a guest checkout' }),
};

/** A checkout placed its order: stock and coupons committed, payment authorized, cart closed. */
export const checkoutCompleted = defineEvent(
  'mercato.checkout.checkout.completed.v1',
  Type.Object({
    ...CheckoutRef,
    orderId: Type.String(),
    paymentIntentId: Type.String(),
    currency: CurrencyCode,
    totals: CheckoutTotals,
    completedAt: Type.String({ format: 'date-time' }),
  }),
);

/** A checkout ended without an order; everything it held was released (stock, coupon uses, authorization, cart). */
export const checkoutFailed = defineEvent(
  'mercato.checkout.checkout.failed.v1',
  Type.Object({
    ...CheckoutRef,
    failure: Type.Object({ code: Type.String({ description: 'A problem code, e.g. payment-declined, insufficient-stock' }), message: Type.String() }),
    failedAt: Type.String({ format: 'date-time' }),
  }),
);

/** Every event the checkout publishes. */
export const checkoutEvents = [checkoutCompleted, checkoutFailed];
