import { CurrencyCode, MinorUnits, PriceListKind, PriceListState, PriceTier, SalesChannel, TaxMode } from '@mercato/contracts';
import { Type, type Static } from '@sinclair/typebox';
import { MAX_BATCH_ITEMS, MAX_BULK_PRICES, MAX_COUPONS, MAX_QUANTITY, MAX_TIERS } from '../domain/limits.ts';
import { CouponOutcome, QuoteDiscount } from './promotion.schemas.ts';

export { CurrencyCode, MinorUnits, SalesChannel, TaxMode };

const Code = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,39}$', description: 'Lower-case code, e.g. standard' });
const Sku = Type.String({ minLength: 1, maxLength: 100 });
const Country = Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2', examples: ['DE'] });
const Quantity = Type.Integer({ minimum: 1, maximum: MAX_QUANTITY, description: `1 to ${MAX_QUANTITY}` });
const DateTime = Type.String({ format: 'date-time' });
const Name = Type.String({ minLength: 1, maxLength: 200 });

export const Page = <T extends ReturnType<typeof Type.Object>>(item: T) =>
  Type.Object({ items: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) });
export const PageQuery = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
  cursor: Type.Optional(Type.String({ maxLength: 500 })),
});

// Currencies

export const Currency = Type.Object({ code: CurrencyCode, minorUnits: Type.Integer(), taxMode: TaxMode });
export type Currency = Static<typeof Currency>;
export const CurrencyParams = Type.Object({ code: Type.String({ maxLength: 10, description: 'ISO 4217 code' }) });
export const CurrencyInput = Type.Object({ taxMode: TaxMode }, { additionalProperties: false });

// Price lists

export const PriceList = PriceListState;
export type PriceList = Static<typeof PriceList>;
export const PriceListParams = Type.Object({ id: Type.String({ maxLength: 100 }) });
export const PriceListInput = Type.Object(
  {
    code: Code,
    name: Name,
    kind: PriceListKind,
    currency: Type.String({ maxLength: 10, description: 'ISO 4217 code of an enabled currency' }),
    channel: Type.Optional(Type.Union([SalesChannel, Type.Null()])),
    groupCode: Type.Optional(Type.Union([Type.String({ pattern: '^[a-z][a-z0-9-]{0,39}$' }), Type.Null()])),
    companyId: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 100 }), Type.Null()])),
    customerId: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 100 }), Type.Null()])),
    priority: Type.Optional(Type.Integer({ minimum: -1000, maximum: 1000, default: 0 })),
    validFrom: Type.Optional(Type.Union([DateTime, Type.Null()])),
    validTo: Type.Optional(Type.Union([DateTime, Type.Null()])),
    active: Type.Optional(Type.Boolean({ default: true })),
  },
  { additionalProperties: false },
);
export type PriceListInput = Static<typeof PriceListInput>;
export const PriceListPatch = Type.Partial(
  Type.Object({
    name: Name,
    channel: Type.Union([SalesChannel, Type.Null()]),
    priority: Type.Integer({ minimum: -1000, maximum: 1000 }),
    validFrom: Type.Union([DateTime, Type.Null()]),
    validTo: Type.Union([DateTime, Type.Null()]),
    active: Type.Boolean(),
  }),
  { additionalProperties: false, minProperties: 1 },
);
export type PriceListPatch = Static<typeof PriceListPatch>;
export const PriceListQuery = Type.Composite([
  PageQuery,
  Type.Object({ currency: Type.Optional(Type.String({ maxLength: 10 })), kind: Type.Optional(PriceListKind) }),
]);

// Prices in a list

export const SkuPrices = Type.Object({ sku: Sku, tiers: Type.Array(PriceTier, { minItems: 1, maxItems: MAX_TIERS }) });
export type SkuPrices = Static<typeof SkuPrices>;
export const BulkPricesInput = Type.Object(
  {
    items: Type.Array(Type.Object({ sku: Sku, tiers: Type.Array(PriceTier, { minItems: 1, maxItems: MAX_TIERS }) }, { additionalProperties: false }), {
      minItems: 1,
      maxItems: MAX_BULK_PRICES,
      description: "Each item replaces the SKU's tiers in this list",
    }),
  },
  { additionalProperties: false },
);
export type BulkPricesInput = Static<typeof BulkPricesInput>;
export const SkuParams = Type.Object({ id: Type.String({ maxLength: 100 }), sku: Sku });

// Resolution

const PricingContextInput = {
  currency: Type.String({ maxLength: 10, description: 'ISO 4217 code of an enabled currency' }),
  channel: SalesChannel,
  at: Type.Optional(Type.String({ format: 'date-time', description: 'The moment to price at (default: now)' })),
  accountId: Type.Optional(
    Type.String({ minLength: 1, maxLength: 100, description: 'Price for this account (services, staff and `pricing:quote` clients only); default: the caller' }),
  ),
};

export const ResolveInput = Type.Object(
  {
    items: Type.Array(Type.Object({ sku: Sku, quantity: Quantity }, { additionalProperties: false }), { minItems: 1, maxItems: MAX_BATCH_ITEMS }),
    ...PricingContextInput,
  },
  { additionalProperties: false },
);
export type ResolveInput = Static<typeof ResolveInput>;

export const CustomerContext = Type.Object({
  kind: Type.Union([Type.Literal('guest'), Type.Literal('customer')]),
  accountId: Type.Union([Type.String(), Type.Null()]),
  customerId: Type.Union([Type.String(), Type.Null()]),
  companyId: Type.Union([Type.String(), Type.Null()]),
  groups: Type.Array(Type.String()),
});
export type CustomerContext = Static<typeof CustomerContext>;

export const PriceSource = Type.Object({
  listId: Type.String(),
  listCode: Type.String(),
  kind: PriceListKind,
  priority: Type.Integer(),
  channel: Type.Union([SalesChannel, Type.Null()]),
  tierMinQuantity: Type.Integer({ description: 'The tier that applied' }),
  validFrom: Type.Union([DateTime, Type.Null()]),
  validTo: Type.Union([DateTime, Type.Null()]),
});

export const ResolvedItem = Type.Object({
  sku: Type.String(),
  quantity: Type.Integer(),
  unitPrice: Type.Union([MinorUnits, Type.Null()], { description: 'null: no price (see noPrice)' }),
  source: Type.Union([PriceSource, Type.Null()], { description: 'Why this price won' }),
  noPrice: Type.Union([Type.Union([Type.Literal('unknown-sku'), Type.Literal('no-applicable-price')]), Type.Null()]),
});
export type ResolvedItem = Static<typeof ResolvedItem>;

export const ResolveResult = Type.Object({
  currency: CurrencyCode,
  taxMode: TaxMode,
  channel: SalesChannel,
  at: DateTime,
  customer: CustomerContext,
  items: Type.Array(ResolvedItem),
});
export type ResolveResult = Static<typeof ResolveResult>;

// Quotes

export const QuoteInput = Type.Object(
  {
    lines: Type.Array(Type.Object({ sku: Sku, quantity: Quantity }, { additionalProperties: false }), { minItems: 1, maxItems: MAX_BATCH_ITEMS }),
    ...PricingContextInput,
    shipping: Type.Object({ country: Country, method: Code }, { additionalProperties: false }),
    coupons: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 40 }), { maxItems: MAX_COUPONS, description: 'Coupon codes (any case); each is reported in `coupons`' }),
    ),
    reference: Type.Optional(
      Type.String({ minLength: 1, maxLength: 200, description: "The order or cart being quoted: its own live redemptions do not count against the coupons' limits" }),
    ),
  },
  { additionalProperties: false },
);
export type QuoteInput = Static<typeof QuoteInput>;

const LineTax = Type.Object({ taxClass: Type.String(), rateBp: Type.Integer(), amount: MinorUnits });
export const QuoteLine = Type.Object({
  sku: Type.String(),
  quantity: Type.Integer(),
  unitPrice: MinorUnits,
  lineTotal: MinorUnits,
  discount: MinorUnits,
  tax: LineTax,
  source: PriceSource,
});
export const Quote = Type.Object({
  currency: CurrencyCode,
  minorUnits: Type.Integer(),
  taxMode: TaxMode,
  channel: SalesChannel,
  at: DateTime,
  customer: CustomerContext,
  taxZone: Type.String(),
  lines: Type.Array(QuoteLine),
  subtotal: MinorUnits,
  discounts: Type.Array(QuoteDiscount, { description: 'Applied promotions in the order they applied, each with why, which lines and how much' }),
  coupons: Type.Array(CouponOutcome, { description: 'Each coupon entered: applied, or why not' }),
  discountTotal: Type.Integer({ minimum: 0, description: 'Line discounts plus the shipping discount' }),
  shipping: Type.Object({
    method: Type.String(),
    amount: Type.Integer({ minimum: 0, description: 'What the method costs for this shipment (0 when free over a threshold)' }),
    discount: Type.Integer({ minimum: 0, description: 'Waived by a free-shipping promotion; tax is on amount − discount' }),
    free: Type.Boolean({ description: 'Nothing to pay for shipping (threshold or promotion)' }),
    weightGrams: Type.Integer(),
    tax: LineTax,
  }),
  taxTotal: MinorUnits,
  taxBreakdown: Type.Array(Type.Object({ taxClass: Type.String(), rateBp: Type.Integer(), taxableAmount: MinorUnits, tax: MinorUnits })),
  grandTotal: MinorUnits,
});
export type Quote = Static<typeof Quote>;

// Taxes

export const TaxClass = Type.Object({ code: Code, name: Name, isDefault: Type.Boolean() });
export const TaxClassInput = Type.Object({ name: Name, isDefault: Type.Optional(Type.Boolean({ default: false })) }, { additionalProperties: false });
export const CodeParams = Type.Object({ code: Code });
export const TaxZone = Type.Object({ code: Code, name: Name, countries: Type.Array(Country) });
export const TaxZoneInput = Type.Object({ name: Name, countries: Type.Array(Country, { minItems: 1, maxItems: 250, uniqueItems: true }) }, { additionalProperties: false });
export const TaxRate = Type.Object({ zone: Code, taxClass: Code, rateBp: Type.Integer({ minimum: 0, maximum: 10_000, description: 'Basis points: 1900 = 19 %' }) });
export const TaxRateParams = Type.Object({ zone: Code, taxClass: Code });
export const TaxRateInput = Type.Object({ rateBp: TaxRate.properties.rateBp }, { additionalProperties: false });
export const CategoryTaxClass = Type.Object({ categoryId: Type.String(), taxClass: Code });
export const CategoryParams = Type.Object({ categoryId: Type.String({ minLength: 1, maxLength: 100 }) });
export const CategoryTaxClassInput = Type.Object({ taxClass: Code }, { additionalProperties: false });

// Shipping

const WeightBand = Type.Object({ maxGrams: Type.Integer({ minimum: 1 }), amount: MinorUnits }, { additionalProperties: false });
export const ShippingRate = Type.Union([
  Type.Object(
    { zone: Code, currency: Type.String({ maxLength: 10 }), kind: Type.Literal('flat'), amount: MinorUnits, freeOver: Type.Optional(Type.Union([MinorUnits, Type.Null()])) },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      zone: Code,
      currency: Type.String({ maxLength: 10 }),
      kind: Type.Literal('weight'),
      bands: Type.Array(WeightBand, { minItems: 1, maxItems: 50 }),
      freeOver: Type.Optional(Type.Union([MinorUnits, Type.Null()])),
    },
    { additionalProperties: false },
  ),
]);
export type ShippingRate = Static<typeof ShippingRate>;
export const ShippingMethodInput = Type.Object(
  {
    name: Name,
    taxClass: Type.Optional(Type.Union([Code, Type.Null()], { description: 'null: the default tax class' })),
    active: Type.Optional(Type.Boolean({ default: true })),
    rates: Type.Array(ShippingRate, { maxItems: 500 }),
  },
  { additionalProperties: false },
);
export type ShippingMethodInput = Static<typeof ShippingMethodInput>;
export const ShippingMethod = Type.Object({
  code: Code,
  name: Type.String(),
  taxClass: Type.Union([Type.String(), Type.Null()]),
  active: Type.Boolean(),
  rates: Type.Array(ShippingRate),
});
export type ShippingMethod = Static<typeof ShippingMethod>;
