import { Type, type TSchema } from '@sinclair/typebox';
import { defineEvent } from '../event-contract.ts';
import { CurrencyCode, MinorUnits } from '../pricing/primitives.ts';

const DateTime = Type.String({ format: 'date-time' });

/** A postal address on an order. */
export const OrderAddress = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  line1: Type.String({ minLength: 1, maxLength: 200 }),
  line2: Type.Optional(Type.String({ maxLength: 200 })),
  postalCode: Type.String({ minLength: 1, maxLength: 20 }),
  city: Type.String({ minLength: 1, maxLength: 100 }),
  region: Type.Optional(Type.String({ maxLength: 100 })),
  country: Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2' }),
  phone: Type.Optional(Type.String({ maxLength: 40 })),
});

/** placed → approved → prepared → shipped → delivered; cancelled from placed, approved or prepared. */
export const OrderStatus = Type.Union([
  Type.Literal('placed'),
  Type.Literal('approved'),
  Type.Literal('prepared'),
  Type.Literal('shipped'),
  Type.Literal('delivered'),
  Type.Literal('cancelled'),
]);
/** authorized → paid (captured at shipment) → partially_refunded / refunded; voided on cancel. */
export const OrderPaymentStatus = Type.Union([
  Type.Literal('authorized'),
  Type.Literal('paid'),
  Type.Literal('partially_refunded'),
  Type.Literal('refunded'),
  Type.Literal('voided'),
]);

export const OrderTotals = Type.Object({
  subtotal: MinorUnits,
  discountTotal: MinorUnits,
  taxTotal: MinorUnits,
  shippingTotal: MinorUnits,
  grandTotal: MinorUnits,
});

export const OrderTracking = Type.Object({
  carrier: Type.String(),
  trackingNumber: Type.String(),
  trackingUrl: Type.Union([Type.String(), Type.Null()]),
});

/** What every order event carries: the order after the change (enough for a confirmation email). */
export const OrderSummary = Type.Object({
  id: Type.String(),
  number: Type.String({ description: "Human order number, e.g. 'M-000123'" }),
  accountId: Type.Union([Type.String(), Type.Null()], { description: 'null: a guest order' }),
  email: Type.String(),
  status: OrderStatus,
  paymentStatus: OrderPaymentStatus,
  currency: CurrencyCode,
  lines: Type.Array(Type.Object({ sku: Type.String(), name: Type.Union([Type.String(), Type.Null()]), quantity: Type.Integer({ minimum: 1 }), lineTotal: MinorUnits })),
  totals: OrderTotals,
  shippingAddress: OrderAddress,
  tracking: Type.Union([OrderTracking, Type.Null()]),
  refundedAmount: MinorUnits,
  placedAt: DateTime,
  version: Type.Integer({ minimum: 1 }),
});

const withOrder = <T extends Record<string, TSchema>>(change: T) => Type.Object({ order: OrderSummary, ...change });

/** An order was placed (its payment is authorized). */
export const orderPlaced = defineEvent('mercato.orders.order.placed.v1', withOrder({}));
export const orderApproved = defineEvent('mercato.orders.order.approved.v1', withOrder({}));
/** The payment was captured (at shipment). */
export const orderPaid = defineEvent('mercato.orders.order.paid.v1', withOrder({ amount: MinorUnits }));
export const orderPrepared = defineEvent('mercato.orders.order.prepared.v1', withOrder({}));
export const orderShipped = defineEvent('mercato.orders.order.shipped.v1', withOrder({ tracking: OrderTracking }));
export const orderDelivered = defineEvent('mercato.orders.order.delivered.v1', withOrder({}));
/** Cancelled before shipment; the authorization was voided (or a captured payment refunded). */
export const orderCancelled = defineEvent('mercato.orders.order.cancelled.v1', withOrder({ reason: Type.String() }));
export const orderRefunded = defineEvent(
  'mercato.orders.order.refunded.v1',
  withOrder({ refund: Type.Object({ id: Type.String(), amount: MinorUnits, reason: Type.String(), full: Type.Boolean({ description: 'Nothing captured is left to refund' }) }) }),
);
export const orderNoteAdded = defineEvent('mercato.orders.order.note-added.v1', withOrder({ note: Type.Object({ text: Type.String(), author: Type.String() }) }));
export const orderAddressChanged = defineEvent(
  'mercato.orders.order.address-changed.v1',
  withOrder({ shippingAddress: Type.Optional(OrderAddress), billingAddress: Type.Optional(OrderAddress) }),
);

/** Every event the orders service publishes. */
export const ordersEvents = [orderPlaced, orderApproved, orderPaid, orderPrepared, orderShipped, orderDelivered, orderCancelled, orderRefunded, orderNoteAdded, orderAddressChanged];
