import { StockLevel } from '@mercato/contracts';
import { Type, type Static } from '@sinclair/typebox';
import { ADJUSTMENT_TYPES } from '../domain/adjustment.ts';
import { MAX_ON_HAND, MAX_QUANTITY, RESERVATION_TTL } from '../domain/quantities.ts';

export const Sku = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._/-]*$', minLength: 1, maxLength: 64, examples: ['TEE-RED-M'] });
export const WarehouseCode = Type.String({ pattern: '^[A-Z0-9][A-Z0-9-]{0,31}$', description: 'Upper-case letters, digits and dashes', examples: ['BER-1'] });
const Quantity = Type.Integer({ minimum: 1, maximum: MAX_QUANTITY, description: `Units, 1–${MAX_QUANTITY}` });
const Timestamp = Type.String({ format: 'date-time' });

/** One page of a cursor-paginated list. */
export const Page = <T extends ReturnType<typeof Type.Object>>(item: T) =>
  Type.Object({ items: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) });

export const WarehouseInput = Type.Object(
  {
    code: WarehouseCode,
    name: Type.String({ minLength: 1, maxLength: 120 }),
    priority: Type.Integer({ minimum: 0, maximum: 10_000, default: 100, description: 'Lower is allocated first' }),
    active: Type.Boolean({ default: true, description: 'Stock in inactive warehouses is neither available nor allocated' }),
  },
  { additionalProperties: false },
);
export type WarehouseInput = Static<typeof WarehouseInput>;

export const WarehousePatch = Type.Object(
  { name: Type.Optional(WarehouseInput.properties.name), priority: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })), active: Type.Optional(Type.Boolean()) },
  { additionalProperties: false, minProperties: 1 },
);

export const Warehouse = Type.Object({ code: Type.String(), name: Type.String(), priority: Type.Integer(), active: Type.Boolean(), createdAt: Timestamp, updatedAt: Timestamp });
export const WarehouseParams = Type.Object({ code: Type.String({ maxLength: 64 }) });

/** What the public sees of a SKU's stock: no per-warehouse figures. */
export const PublicAvailability = Type.Object({
  sku: Type.String(),
  available: Type.Integer({ minimum: 0 }),
  inStock: Type.Boolean(),
  backorderable: Type.Boolean(),
});

export const AvailabilityQuery = Type.Object(
  { sku: Type.Array(Sku, { minItems: 1, maxItems: 100, description: 'Repeat for several SKUs: ?sku=A&sku=B' }) },
  { additionalProperties: false },
);

export const BackorderPolicyInput = Type.Object(
  {
    policy: Type.Union([Type.Literal('deny'), Type.Literal('allow')]),
    limit: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: MAX_ON_HAND }), Type.Null()], { description: 'Most units outstanding on backorder; null or absent: no limit' })),
  },
  { additionalProperties: false },
);

export const SkuStock = Type.Composite([
  StockLevel,
  Type.Object({
    backorder: Type.Object({
      policy: Type.Union([Type.Literal('deny'), Type.Literal('allow')]),
      limit: Type.Union([Type.Integer(), Type.Null()]),
      held: Type.Integer({ description: 'Backordered units of live reservations' }),
      owed: Type.Integer({ description: 'Backordered units of placed orders, settled by the next receipts' }),
    }),
    warehouses: Type.Array(
      Type.Object({ code: Type.String(), name: Type.String(), active: Type.Boolean(), onHand: Type.Integer(), reserved: Type.Integer(), available: Type.Integer() }),
    ),
  }),
]);

export const SkuParams = Type.Object({ sku: Type.String({ maxLength: 64 }) });

export const AdjustmentInput = Type.Object(
  {
    warehouse: WarehouseCode,
    sku: Sku,
    type: Type.Union(ADJUSTMENT_TYPES.map((t) => Type.Literal(t)), {
      description: 'receive and return add units, damage and loss remove them, count sets the counted on-hand figure',
    }),
    quantity: Type.Optional(Quantity),
    countedOnHand: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_ON_HAND, description: 'For a count: the units counted' })),
    reason: Type.String({ minLength: 1, maxLength: 500, description: 'Why, for the audit trail (delivery note, incident, …)' }),
  },
  { additionalProperties: false },
);
export type AdjustmentInput = Static<typeof AdjustmentInput>;

export const MAX_RECEIPT_LINES = 1000;
export const ReceiptInput = Type.Object(
  {
    warehouse: WarehouseCode,
    reason: Type.String({ minLength: 1, maxLength: 500, description: 'Why, for the audit trail: the delivery note, purchase order, opening stock…' }),
    lines: Type.Array(Type.Object({ sku: Sku, quantity: Quantity }, { additionalProperties: false }), { minItems: 1, maxItems: MAX_RECEIPT_LINES }),
  },
  { additionalProperties: false },
);
export type ReceiptInput = Static<typeof ReceiptInput>;

const Figures = Type.Object({ onHand: Type.Integer(), reserved: Type.Integer() });
export const Movement = Type.Object({
  id: Type.String(),
  sku: Type.String(),
  warehouse: Type.String(),
  type: Type.String({ description: 'An adjustment type, or commit (an order took held units)' }),
  reason: Type.String(),
  actor: Type.String({ description: 'The account, machine client or service that made the change' }),
  reservationId: Type.Union([Type.String(), Type.Null()]),
  before: Figures,
  after: Figures,
  backordersSettled: Type.Integer({ description: 'Added units that went to placed backorders instead of the shelf' }),
  createdAt: Timestamp,
});
export const Receipt = Type.Object({ warehouse: Type.String(), reason: Type.String(), movements: Type.Array(Movement) });

export const MovementQuery = Type.Object(
  {
    sku: Type.Optional(Sku),
    warehouse: Type.Optional(WarehouseCode),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 50 }),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

export const ReservationInput = Type.Object(
  {
    reference: Type.Optional(Type.String({ minLength: 1, maxLength: 120, description: 'Your reference, e.g. the cart or order id' })),
    ttlSeconds: Type.Integer({ minimum: RESERVATION_TTL.min, maximum: RESERVATION_TTL.max, default: RESERVATION_TTL.default, description: 'How long the hold lasts' }),
    lines: Type.Array(Type.Object({ sku: Sku, quantity: Quantity }, { additionalProperties: false }), { minItems: 1, maxItems: 100 }),
  },
  { additionalProperties: false },
);
export type ReservationInput = Static<typeof ReservationInput>;

export const Reservation = Type.Object({
  id: Type.String(),
  reference: Type.Union([Type.String(), Type.Null()]),
  status: Type.Union(['held', 'committed', 'released', 'expired'].map((s) => Type.Literal(s))),
  expiresAt: Timestamp,
  createdAt: Timestamp,
  lines: Type.Array(
    Type.Object({
      sku: Type.String(),
      quantity: Type.Integer(),
      backordered: Type.Integer(),
      allocations: Type.Array(Type.Object({ warehouse: Type.String(), quantity: Type.Integer() })),
    }),
  ),
});

export const ReservationParams = Type.Object({ id: Type.String({ maxLength: 64 }) });
