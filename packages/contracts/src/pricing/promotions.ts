import { Type } from '@sinclair/typebox';
import { defineEvent } from '../event-contract.ts';
import { CurrencyCode, MinorUnits } from './primitives.ts';

const Ids = (description: string) => Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { minItems: 1, maxItems: 500, uniqueItems: true, description });

/**
 * One condition of a promotion; every condition must hold. `type` says which fields it uses:
 * `subtotal-at-least` (amount: the goods before discounts, in the promotion's currency),
 * `sku-in-cart` (skus, minQuantity), `category-in-cart` (categoryIds, subcategories included),
 * `brand-in-cart` (brandIds), `customer-group` (groups: the customer's effective groups),
 * `first-order` (the account has not ordered before), `coupon` (one of the promotion's coupon
 * codes was entered). The date window is the promotion's `validFrom`/`validTo`.
 */
export const PromotionCondition = Type.Object(
  {
    type: Type.Union([
      Type.Literal('subtotal-at-least'),
      Type.Literal('sku-in-cart'),
      Type.Literal('category-in-cart'),
      Type.Literal('brand-in-cart'),
      Type.Literal('customer-group'),
      Type.Literal('first-order'),
      Type.Literal('coupon'),
    ]),
    amount: Type.Optional(MinorUnits),
    skus: Type.Optional(Ids('SKUs')),
    minQuantity: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, description: 'sku-in-cart: units of those SKUs together (default 1)' })),
    categoryIds: Type.Optional(Ids('Catalog category ids (their subcategories count too)')),
    brandIds: Type.Optional(Ids('Catalog brand ids')),
    groups: Type.Optional(Type.Array(Type.String({ pattern: '^[a-z][a-z0-9-]{0,39}$' }), { minItems: 1, maxItems: 100, uniqueItems: true })),
  },
  { additionalProperties: false },
);

/** Which lines a line action applies to: lines matching any of the lists; no list = every line. */
export const PromotionTarget = Type.Object(
  {
    skus: Type.Optional(Ids('SKUs')),
    categoryIds: Type.Optional(Ids('Catalog category ids (their subcategories count too)')),
    brandIds: Type.Optional(Ids('Catalog brand ids')),
  },
  { additionalProperties: false },
);

/**
 * What a promotion gives: `percent-off-order` / `fixed-off-order` (spread over the lines),
 * `percent-off-items` (each target line) / `fixed-off-items` (`amount` off each target unit),
 * `buy-x-get-y` (of the target units, in every `buy + get`, the `get` cheapest are `percent` off,
 * default 100), `free-shipping`.
 */
export const PromotionAction = Type.Object(
  {
    type: Type.Union([
      Type.Literal('percent-off-order'),
      Type.Literal('fixed-off-order'),
      Type.Literal('percent-off-items'),
      Type.Literal('fixed-off-items'),
      Type.Literal('buy-x-get-y'),
      Type.Literal('free-shipping'),
    ]),
    percent: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, description: 'Whole percent, 1 to 100' })),
    amount: Type.Optional(MinorUnits),
    buy: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
    get: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
    target: Type.Optional(PromotionTarget),
  },
  { additionalProperties: false },
);

export const PromotionStacking = Type.Union([Type.Literal('stackable'), Type.Literal('exclusive')], {
  description: 'exclusive: applies only if no promotion applied before it, and stops the ones after it',
});

/** A promotion's definition (its coupon codes and usage counters live apart). */
export const PromotionState = Type.Object({
  id: Type.String(),
  code: Type.String(),
  name: Type.String(),
  description: Type.String(),
  currency: Type.Union([CurrencyCode, Type.Null()], { description: 'null: any currency (percent and free-shipping actions only)' }),
  conditions: Type.Array(PromotionCondition),
  action: PromotionAction,
  priority: Type.Integer({ description: 'Higher first' }),
  stacking: PromotionStacking,
  perCustomerLimit: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], { description: 'Redemptions per account (null: no limit)' }),
  validFrom: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  validTo: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: 'Exclusive' }),
  active: Type.Boolean(),
  version: Type.Integer({ minimum: 1 }),
  updatedAt: Type.String({ format: 'date-time' }),
});

/** A promotion was created or changed; subject: its id. */
export const promotionUpserted = defineEvent('mercato.pricing.promotion.upserted.v1', PromotionState);

/** A promotion was deleted (with its coupons); subject: its id. */
export const promotionDeleted = defineEvent('mercato.pricing.promotion.deleted.v1', Type.Object({ id: Type.String() }));
