import { CurrencyCode, MinorUnits, SalesChannel, TaxMode } from '@mercato/contracts';
import { Type, type Static } from '@sinclair/typebox';
import { MAX_QUANTITY } from '../domain/limits.ts';

const Sku = Type.String({ minLength: 1, maxLength: 100 });
const Quantity = Type.Integer({ minimum: 1, maximum: MAX_QUANTITY, description: `1 to ${MAX_QUANTITY} units per line` });
const Country = Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2', examples: ['DE'] });
const ShippingMethod = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,39}$', description: "A pricing shipping method's code", examples: ['standard'] });
const DateTime = Type.String({ format: 'date-time' });
const CouponCode = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{2,39}$', description: '3–40 letters, digits, _ or -; compared case-insensitively' });

export const Shipping = Type.Object({ country: Country, method: ShippingMethod }, { additionalProperties: false });

export const CartParams = Type.Object({ cartId: Type.String({ maxLength: 100 }) });
export const LineParams = Type.Object({ cartId: Type.String({ maxLength: 100 }), sku: Sku });
export const CouponParams = Type.Object({ cartId: Type.String({ maxLength: 100 }), code: Type.String({ maxLength: 40 }) });

/** A guest cart's secret token travels in `Cart-Token`; writes may be conditional with `If-Match`. */
export const CartHeaders = Type.Object({
  'cart-token': Type.Optional(Type.String({ maxLength: 100, description: "A guest cart's secret token (from its creation)" })),
  'if-match': Type.Optional(Type.String({ description: 'The ETag of the cart version the change is based on; 412 when the cart changed since' })),
});

export const CreateCartInput = Type.Object(
  {
    currency: Type.String({ maxLength: 10, description: 'ISO 4217 code of a currency pricing sells in; fixed for the cart' }),
    channel: Type.Optional(SalesChannel),
    shipping: Type.Optional(Shipping),
  },
  { additionalProperties: false },
);
export const AddLineInput = Type.Object({ sku: Sku, quantity: Quantity }, { additionalProperties: false });
export const SetQuantityInput = Type.Object({ quantity: Quantity }, { additionalProperties: false });
export const CouponInput = Type.Object({ code: CouponCode }, { additionalProperties: false });
export const MergeInput = Type.Object({ guestCartId: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false });

const Notice = Type.Union([
  Type.Object({ type: Type.Literal('price-changed'), sku: Type.String(), previousUnitPrice: MinorUnits, unitPrice: MinorUnits }),
  Type.Object({ type: Type.Literal('quantity-capped'), sku: Type.String(), requested: Type.Integer(), quantity: Type.Integer() }),
  Type.Object({ type: Type.Literal('coupon-dropped'), code: Type.String(), reason: Type.String() }),
]);

export const CartView = Type.Object({
  id: Type.String(),
  kind: Type.Union([Type.Literal('guest'), Type.Literal('customer')]),
  status: Type.Union([Type.Literal('open'), Type.Literal('checking_out')], { description: '`checking_out`: a checkout holds the cart and changes answer 409 `cart-checking-out` until it ends' }),
  checkoutId: Type.Union([Type.String(), Type.Null()], { description: 'The checkout holding the cart' }),
  currency: CurrencyCode,
  minorUnits: Type.Integer(),
  taxMode: TaxMode,
  channel: SalesChannel,
  shipping: Type.Union([Shipping, Type.Null()], { description: 'Where the goods go: tax and shipping need it' }),
  lines: Type.Array(
    Type.Object({
      sku: Type.String(),
      quantity: Type.Integer(),
      unitPrice: MinorUnits,
      lineTotal: MinorUnits,
      discount: MinorUnits,
      tax: Type.Union([MinorUnits, Type.Null()]),
      priceList: Type.Object({ id: Type.String(), code: Type.String(), kind: Type.String(), validTo: Type.Union([DateTime, Type.Null()]) }, { description: 'Why this price' }),
    }),
  ),
  coupons: Type.Array(
    Type.Object({
      code: Type.String(),
      status: Type.Union([Type.Literal('applied'), Type.Literal('rejected'), Type.Literal('pending')]),
      amount: MinorUnits,
      reason: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
  discounts: Type.Array(Type.Object({}, { additionalProperties: true }), { description: "The promotions that applied, as pricing's quote explains them" }),
  totals: Type.Object({
    subtotal: MinorUnits,
    discounts: MinorUnits,
    tax: Type.Union([MinorUnits, Type.Null()], { description: 'null until a shipping destination is set' }),
    shipping: Type.Union([MinorUnits, Type.Null()], { description: 'null until a shipping destination is set' }),
    grandTotal: MinorUnits,
    complete: Type.Boolean({ description: 'false: tax and shipping are not included yet' }),
  }),
  notices: Type.Array(Notice, { description: 'What changed without the customer doing it: prices, capped quantities, dropped coupons' }),
  pricingProblem: Type.Optional(Type.Object({ code: Type.String(), detail: Type.String() }, { description: 'Why the cart could not be repriced now (it shows its last prices)' })),
  pricedAt: DateTime,
  version: Type.Integer(),
  createdAt: DateTime,
  updatedAt: DateTime,
  expiresAt: DateTime,
  token: Type.Optional(Type.String({ description: 'Only when a guest cart is created: send it as Cart-Token; it is not shown again' })),
});
export type CartView = Static<typeof CartView>;

export const CheckoutParams = Type.Object({ cartId: Type.String({ maxLength: 100 }) });
const CheckoutId = Type.String({ minLength: 1, maxLength: 100 });
export const LockInput = Type.Object(
  {
    checkoutId: CheckoutId,
    accountId: Type.Union([Type.String({ minLength: 1, maxLength: 100 }), Type.Null()], { description: "The signed-in person checking out (their customer cart), or null for a guest" }),
    cartToken: Type.Optional(Type.String({ maxLength: 100, description: "A guest cart's secret token, as the guest presented it" })),
  },
  { additionalProperties: false },
);
export const CompleteInput = Type.Object({ checkoutId: CheckoutId, orderId: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false });
export const ReleaseInput = Type.Object({ checkoutId: CheckoutId }, { additionalProperties: false });

/** The cart as the checkout sees it: the customer's view, its owner and the order it became. */
export const CheckoutCartView = Type.Composite([
  Type.Omit(CartView, ['status', 'token']),
  Type.Object({
    status: Type.Union([Type.Literal('open'), Type.Literal('checking_out'), Type.Literal('ordered')]),
    accountId: Type.Union([Type.String(), Type.Null()]),
    orderId: Type.Union([Type.String(), Type.Null()]),
  }),
]);
export type CheckoutCartView = Static<typeof CheckoutCartView>;
