import { PromotionAction, PromotionCondition, PromotionStacking, PromotionState } from '@mercato/contracts';
import { Type, type Static } from '@sinclair/typebox';

const DateTime = Type.String({ format: 'date-time' });
/** Null first: with type coercion on, a string branch first would turn null into "". */
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([Type.Null(), schema]);

/** A coupon code as staff enter it; matched case-insensitively and stored upper-cased. */
export const CouponCode = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{2,39}$', description: '3–40 letters, digits, _ or -; case-insensitive', examples: ['SUMMER-10'] });

export { PromotionState };
export type PromotionState = Static<typeof PromotionState>;
export const PromotionParams = Type.Object({ id: Type.String({ maxLength: 100 }) });

const definitionFields = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  description: Type.String({ maxLength: 2000 }),
  currency: Nullable(Type.String({ maxLength: 10, description: 'ISO 4217 code of an enabled currency; needed by amounts' })),
  conditions: Type.Array(PromotionCondition, { maxItems: 20, description: 'Every condition must hold' }),
  action: PromotionAction,
  priority: Type.Integer({ minimum: -1000, maximum: 1000, description: 'Higher first (default 0)' }),
  stacking: PromotionStacking,
  perCustomerLimit: Nullable(Type.Integer({ minimum: 1, maximum: 1_000_000, description: 'Redemptions per account (coupon promotions only)' })),
  validFrom: Nullable(DateTime),
  validTo: Nullable(DateTime),
  active: Type.Boolean(),
};

export const PromotionInput = Type.Object(
  {
    code: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,39}$', description: 'Lower-case handle, e.g. summer-sale' }),
    name: definitionFields.name,
    action: definitionFields.action,
    description: Type.Optional(definitionFields.description),
    currency: Type.Optional(definitionFields.currency),
    conditions: Type.Optional(definitionFields.conditions),
    priority: Type.Optional(definitionFields.priority),
    stacking: Type.Optional(definitionFields.stacking),
    perCustomerLimit: Type.Optional(definitionFields.perCustomerLimit),
    validFrom: Type.Optional(definitionFields.validFrom),
    validTo: Type.Optional(definitionFields.validTo),
    active: Type.Optional(definitionFields.active),
  },
  { additionalProperties: false },
);
export type PromotionInput = Static<typeof PromotionInput>;

export const PromotionPatch = Type.Partial(Type.Object(definitionFields), { additionalProperties: false, minProperties: 1 });
export type PromotionPatch = Static<typeof PromotionPatch>;

export const PromotionQuery = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
  cursor: Type.Optional(Type.String({ maxLength: 500 })),
  active: Type.Optional(Type.Boolean()),
});

// Coupons

export const Coupon = Type.Object({
  code: Type.String({ description: 'Upper-cased' }),
  promotionId: Type.String(),
  maxUses: Nullable(Type.Integer({ minimum: 1 })),
  uses: Type.Integer({ minimum: 0, description: 'Live (reserved or committed) redemptions' }),
  createdAt: DateTime,
});
export type Coupon = Static<typeof Coupon>;

export const CouponsInput = Type.Object(
  {
    codes: Type.Optional(Type.Array(CouponCode, { minItems: 1, maxItems: 1000 })),
    generate: Type.Optional(
      Type.Object(
        {
          count: Type.Integer({ minimum: 1, maximum: 10_000 }),
          prefix: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{0,19}$' })),
          length: Type.Optional(Type.Integer({ minimum: 6, maximum: 20, default: 10, description: 'Random characters after the prefix' })),
        },
        { additionalProperties: false },
      ),
    ),
    maxUses: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 100_000_000, description: 'Uses per code (null: unlimited)' }))),
  },
  { additionalProperties: false, description: 'Give `codes`, `generate`, or both' },
);
export type CouponsInput = Static<typeof CouponsInput>;
export const CouponParams = Type.Object({ code: Type.String({ minLength: 1, maxLength: 40 }) });

// Redemptions

export const RedemptionInput = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 40, description: 'The coupon code, any case' }),
    accountId: Type.String({ minLength: 1, maxLength: 100 }),
    reference: Type.String({ minLength: 1, maxLength: 200, description: 'The order or cart the use is for' }),
  },
  { additionalProperties: false },
);
export type RedemptionInput = Static<typeof RedemptionInput>;

export const Redemption = Type.Object({
  id: Type.String(),
  code: Type.String(),
  promotionId: Type.String(),
  promotionCode: Type.String(),
  accountId: Type.String(),
  reference: Type.String(),
  status: Type.Union([Type.Literal('reserved'), Type.Literal('committed'), Type.Literal('released')]),
  createdAt: DateTime,
  updatedAt: DateTime,
});
export type Redemption = Static<typeof Redemption>;
export const RedemptionParams = Type.Object({ id: Type.String({ maxLength: 100 }) });

// In quotes

export const QuoteDiscount = Type.Object({
  code: Type.String({ description: 'The promotion code' }),
  amount: Type.Integer({ minimum: 0, description: 'The whole discount of this promotion (lines and shipping)' }),
  promotionId: Type.String(),
  name: Type.String(),
  action: PromotionAction.properties.type,
  stacking: PromotionStacking,
  priority: Type.Integer(),
  coupon: Nullable(Type.String()),
  why: Type.Array(Type.String(), { description: 'Each condition that held, and the validity window' }),
  lines: Type.Array(Type.Object({ line: Type.Integer({ description: 'Index in `lines`' }), sku: Type.String(), amount: Type.Integer({ minimum: 0 }) })),
  shipping: Type.Integer({ minimum: 0, description: 'The part of the shipping cost waived' }),
});

export const CouponOutcome = Type.Object({
  code: Type.String({ description: 'As entered' }),
  applied: Type.Boolean(),
  promotionCode: Nullable(Type.String()),
  reason: Nullable(
    Type.Union(
      ['unknown', 'inactive', 'not-started', 'expired', 'currency-mismatch', 'usage-exhausted', 'customer-limit-reached', 'conditions-unmet', 'excluded', 'nothing-to-discount', 'duplicate'].map((r) =>
        Type.Literal(r),
      ),
      { description: 'Why it did not apply (null when applied)' },
    ),
  ),
  detail: Type.String(),
});
export type CouponOutcome = Static<typeof CouponOutcome>;
