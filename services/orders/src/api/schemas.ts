import { CurrencyCode, MinorUnits, OrderAddress, OrderStatus, OrderTotals, OrderTracking, SalesChannel, TaxMode } from '@mercato/contracts';
import { Type, type Static, type TSchema } from '@sinclair/typebox';

const DateTime = Type.String({ format: 'date-time' });
const Id = Type.String({ minLength: 1, maxLength: 100 });
const Address = Type.Object(OrderAddress.properties, { additionalProperties: false });
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const PaymentStatus = Type.Union([
  Type.Literal('pending'),
  Type.Literal('authorized'),
  Type.Literal('paid'),
  Type.Literal('partially_refunded'),
  Type.Literal('refunded'),
  Type.Literal('voided'),
]);

const Line = Type.Object(
  {
    sku: Type.String({ minLength: 1, maxLength: 100 }),
    name: Type.Optional(Type.String({ maxLength: 300 })),
    quantity: Type.Integer({ minimum: 1 }),
    unitPrice: MinorUnits,
    lineTotal: MinorUnits,
    discount: MinorUnits,
    taxAmount: MinorUnits,
  },
  { additionalProperties: false },
);
const Discount = Type.Object({ code: Nullable(Type.String()), amount: MinorUnits, name: Type.String() });

export const OrderParams = Type.Object({ id: Id });
export const OrderHeaders = Type.Object({
  'if-match': Type.Optional(Type.String({ description: 'The ETag of the order version the command is based on; 412 when the order changed since' })),
});

export const PlaceOrderInput = Type.Object(
  {
    id: Type.String({ pattern: '^ord_[A-Za-z0-9]{1,64}$', description: 'Chosen by the checkout (kit newId("ord")); placing the same id again answers the existing order' }),
    checkoutId: Id,
    accountId: Nullable(Id),
    email: Type.String({ format: 'email', maxLength: 320 }),
    currency: CurrencyCode,
    channel: SalesChannel,
    taxMode: TaxMode,
    lines: Type.Array(Line, { minItems: 1, maxItems: 500 }),
    discounts: Type.Array(Type.Object({ code: Nullable(Type.String({ maxLength: 100 })), amount: MinorUnits, name: Type.String({ maxLength: 300 }) }, { additionalProperties: false }), { maxItems: 100 }),
    coupons: Type.Array(Type.String({ maxLength: 100 }), { maxItems: 50 }),
    totals: Type.Object(OrderTotals.properties, { additionalProperties: false }),
    shippingMethod: Type.String({ minLength: 1, maxLength: 100 }),
    shippingAddress: Address,
    billingAddress: Address,
    payment: Type.Object({ intentId: Id, amount: MinorUnits }, { additionalProperties: false, description: 'The authorized payment intent' }),
    reservationId: Nullable(Id),
    redemptionIds: Type.Array(Id, { maxItems: 50 }),
  },
  { additionalProperties: false },
);
export type PlaceOrderInput = Static<typeof PlaceOrderInput>;

export const ShipInput = Type.Object(
  {
    carrier: Type.String({ minLength: 1, maxLength: 100 }),
    trackingNumber: Type.String({ minLength: 1, maxLength: 100 }),
    trackingUrl: Type.Optional(Type.String({ format: 'uri', maxLength: 500 })),
  },
  { additionalProperties: false },
);
export const CancelInput = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 500 }) }, { additionalProperties: false });
export const RefundInput = Type.Object({ amount: Type.Integer({ minimum: 1, maximum: 1_000_000_000_000 }), reason: Type.String({ minLength: 1, maxLength: 500 }) }, { additionalProperties: false });
export const NoteInput = Type.Object({ text: Type.String({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false });
export const AddressesInput = Type.Object(
  { shippingAddress: Type.Optional(Address), billingAddress: Type.Optional(Address) },
  { additionalProperties: false, minProperties: 1, description: 'At least one of the two; the shipping address only before shipment' },
);

const Note = Type.Object({ text: Type.String(), author: Type.String(), at: DateTime });

export const OrderView = Type.Object({
  id: Type.String(),
  number: Type.String(),
  checkoutId: Type.String(),
  accountId: Nullable(Type.String()),
  email: Type.String(),
  status: OrderStatus,
  paymentStatus: PaymentStatus,
  currency: CurrencyCode,
  channel: Type.String(),
  taxMode: Type.String(),
  lines: Type.Array(Line),
  discounts: Type.Array(Discount),
  coupons: Type.Array(Type.String()),
  totals: OrderTotals,
  shippingMethod: Type.String(),
  shippingAddress: OrderAddress,
  billingAddress: OrderAddress,
  payment: Type.Object({ intentId: Nullable(Type.String()), authorizedAmount: MinorUnits, capturedAmount: MinorUnits, refundedAmount: MinorUnits }),
  tracking: Nullable(OrderTracking),
  refunds: Type.Array(Type.Object({ id: Type.String(), amount: MinorUnits, reason: Type.String(), full: Type.Boolean(), at: DateTime })),
  cancellation: Nullable(Type.Object({ reason: Type.String(), at: DateTime })),
  reservationId: Nullable(Type.String()),
  redemptionIds: Type.Array(Type.String()),
  notes: Type.Optional(Type.Array(Note, { description: 'Staff notes (staff only)' })),
  placedAt: DateTime,
  updatedAt: DateTime,
  version: Type.Integer(),
});

export const OrderQuery = Type.Object({
  asOf: Type.Optional(Type.String({ format: 'date-time', description: 'The order exactly as it was at this time (its events up to then, folded)' })),
});

export const HistoryView = Type.Object({
  items: Type.Array(
    Type.Object({
      version: Type.Integer(),
      type: Type.String(),
      data: Type.Object({}, { additionalProperties: true }),
      occurredAt: DateTime,
      actor: Nullable(Type.String({ description: 'Who caused it (staff only)' })),
    }),
  ),
});

const ListItem = {
  id: Type.String(),
  number: Type.String(),
  status: OrderStatus,
  paymentStatus: PaymentStatus,
  currency: CurrencyCode,
  grandTotal: MinorUnits,
  itemCount: Type.Integer(),
  placedAt: DateTime,
  updatedAt: DateTime,
  version: Type.Integer(),
};
const Cursor = Type.Optional(Type.String({ maxLength: 500, description: 'nextCursor of the previous page' }));
const Limit = Type.Integer({ minimum: 1, maximum: 100, default: 20 });

export const MyOrdersQuery = Type.Object({ cursor: Cursor, limit: Limit }, { additionalProperties: false });
export const MyOrdersPage = Type.Object({ items: Type.Array(Type.Object(ListItem)), nextCursor: Nullable(Type.String()) });

export const BoardQuery = Type.Object(
  {
    status: Type.Optional(OrderStatus),
    paymentStatus: Type.Optional(PaymentStatus),
    from: Type.Optional(Type.String({ format: 'date-time', description: 'Placed at or after' })),
    to: Type.Optional(Type.String({ format: 'date-time', description: 'Placed before' })),
    accountId: Type.Optional(Id),
    minTotal: Type.Optional(MinorUnits),
    maxTotal: Type.Optional(MinorUnits),
    cursor: Cursor,
    limit: Limit,
  },
  { additionalProperties: false },
);
export const BoardPage = Type.Object({
  items: Type.Array(Type.Object({ ...ListItem, accountId: Nullable(Type.String()), email: Type.String() })),
  nextCursor: Nullable(Type.String()),
});

export const Hashes = Type.Object({ detail: Type.String(), customerList: Type.String(), board: Type.String() });
export const RebuildResult = Type.Object({ orders: Type.Integer(), events: Type.Integer(), caughtUp: Type.Integer(), durationMs: Type.Integer(), hashes: Hashes });
