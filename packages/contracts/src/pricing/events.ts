import { Type } from '@sinclair/typebox';
import { defineEvent } from '../event-contract.ts';
import { CurrencyCode, MinorUnits } from './primitives.ts';
import { promotionDeleted, promotionUpserted } from './promotions.ts';

export { CurrencyCode, MinorUnits };

export const PriceListKind = Type.Union([Type.Literal('base'), Type.Literal('group'), Type.Literal('contract')], {
  description: 'base: the list price; group: for a customer group; contract: for one B2B company or one customer',
});

export const SalesChannel = Type.Union([Type.Literal('web'), Type.Literal('mobile')]);

/** Whether the amounts of a currency's price lists include tax (gross) or not (net). */
export const TaxMode = Type.Union([Type.Literal('gross'), Type.Literal('net')]);

/** A price list's settings (its prices travel separately, per SKU). */
export const PriceListState = Type.Object({
  id: Type.String(),
  code: Type.String(),
  name: Type.String(),
  kind: PriceListKind,
  currency: CurrencyCode,
  taxMode: TaxMode,
  channel: Type.Union([SalesChannel, Type.Null()], { description: 'null: every channel' }),
  groupCode: Type.Union([Type.String(), Type.Null()], { description: 'kind group: the customer group' }),
  companyId: Type.Union([Type.String(), Type.Null()], { description: 'kind contract: the company whose buyers share the list' }),
  customerId: Type.Union([Type.String(), Type.Null()], { description: 'kind contract: the single customer' }),
  priority: Type.Integer(),
  validFrom: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  validTo: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: 'Exclusive' }),
  active: Type.Boolean(),
  version: Type.Integer({ minimum: 1 }),
  updatedAt: Type.String({ format: 'date-time' }),
});

/** One quantity tier: the unit price from `minQuantity` units up. */
export const PriceTier = Type.Object({
  minQuantity: Type.Integer({ minimum: 1 }),
  amount: MinorUnits,
});

/**
 * The prices of one SKU in one list after a change; `tiers` is empty when the SKU was removed from
 * the list (or the list was deleted). Subject: `<listId>:<sku>`.
 */
export const PriceChangedData = Type.Object({
  listId: Type.String(),
  listCode: Type.String(),
  kind: PriceListKind,
  sku: Type.String(),
  currency: CurrencyCode,
  taxMode: TaxMode,
  channel: Type.Union([SalesChannel, Type.Null()]),
  tiers: Type.Array(PriceTier),
  changedAt: Type.String({ format: 'date-time' }),
});

/** A SKU's prices in one list changed (carts refresh stale prices, search may index them). */
export const priceChanged = defineEvent('mercato.pricing.price.changed.v1', PriceChangedData);

/** A price list was created or its settings changed (validity, priority, activation…); subject: the list id. */
export const priceListUpserted = defineEvent('mercato.pricing.price-list.upserted.v1', PriceListState);

/** A price list was deleted; its SKUs each get a price.changed with no tiers too. Subject: the list id. */
export const priceListDeleted = defineEvent('mercato.pricing.price-list.deleted.v1', Type.Object({ id: Type.String() }));

/** Every event the pricing service publishes. */
export const pricingEvents = [priceChanged, priceListUpserted, priceListDeleted, promotionUpserted, promotionDeleted];
