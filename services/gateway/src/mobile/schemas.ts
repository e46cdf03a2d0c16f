import { Type, type Static } from '@sinclair/typebox';

/** The mobile BFF's request and response shapes: compact, only what the app's screens show. */

const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);

const Money = Type.Object({ amount: Type.Integer(), currency: Type.String(), formatted: Type.String() });
const NullableMoney = Type.Union([Money, Type.Null()]);
const Named = Type.Object({ id: Type.String(), name: Type.String() });

export const ProductCard = Type.Object({
  id: Type.String(),
  handle: Type.String(),
  name: Type.String(),
  image: Nullable(Type.String()),
  price: NullableMoney,
  inStock: Type.Boolean(),
});
export type ProductCard = Static<typeof ProductCard>;

const FacetValue = Type.Object({ value: Type.String(), label: Type.String(), count: Type.Integer(), selected: Type.Boolean() });

export const HomeScreen = Type.Object({
  categories: Type.Array(Named, { description: 'The category tree’s roots' }),
  featured: Type.Array(ProductCard, { description: 'The newest products' }),
});

export const ListingQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200 })),
    category: Type.Optional(Type.String({ maxLength: 100 })),
    brand: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 20, description: 'Repeat for several brands' })),
    sort: Type.Union([Type.Literal('relevance'), Type.Literal('price-asc'), Type.Literal('price-desc'), Type.Literal('newest'), Type.Literal('name')], { default: 'relevance' }),
    limit: Type.Integer({ minimum: 1, maximum: 50, default: 20 }),
    cursor: Type.Optional(Type.String({ maxLength: 500, description: 'nextCursor of the previous page' })),
  },
  { additionalProperties: false },
);
export type ListingQuery = Static<typeof ListingQuery>;

export const ListingScreen = Type.Object({
  items: Type.Array(ProductCard),
  total: Type.Integer(),
  nextCursor: Nullable(Type.String()),
  facets: Type.Object({
    category: Type.Array(FacetValue),
    brand: Type.Array(FacetValue),
    attributes: Type.Array(Type.Object({ code: Type.String(), label: Type.String(), values: Type.Array(FacetValue) })),
  }),
});

export const HandleParams = Type.Object({ handle: Type.String({ pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$', maxLength: 120 }) });

export const ProductScreen = Type.Object({
  id: Type.String(),
  handle: Type.String(),
  name: Type.String(),
  description: Nullable(Type.String()),
  brand: Type.Union([Named, Type.Null()]),
  category: Type.Union([Named, Type.Null()]),
  images: Type.Array(Type.String()),
  attributes: Type.Array(Type.Object({ label: Type.String(), value: Type.String() })),
  price: NullableMoney,
  inStock: Type.Boolean(),
  variants: Type.Array(
    Type.Object({
      sku: Type.String(),
      name: Type.String(),
      options: Type.Array(Type.Object({ name: Type.String(), value: Type.String() })),
      price: NullableMoney,
      available: Type.Integer(),
      inStock: Type.Boolean(),
    }),
  ),
});

export const CartParams = Type.Object({ id: Type.String({ maxLength: 100 }) });
export const CartTokenHeaders = Type.Object({ 'cart-token': Type.Optional(Type.String({ maxLength: 200, description: 'The token of a guest cart' })) });

const Totals = Type.Object({ subtotal: Money, discount: Money, tax: Money, shipping: Money, grandTotal: Money });

export const CartScreen = Type.Object({
  id: Type.String(),
  status: Type.String(),
  currency: Type.String(),
  itemCount: Type.Integer(),
  lines: Type.Array(
    Type.Object({
      sku: Type.String(),
      name: Type.String(),
      variantName: Nullable(Type.String()),
      image: Nullable(Type.String()),
      quantity: Type.Integer(),
      unitPrice: Money,
      lineTotal: Money,
    }),
  ),
  totals: Totals,
  shipping: Type.Union([Type.Object({ country: Type.String(), method: Type.String() }), Type.Null()]),
  coupons: Type.Array(Type.String()),
  promotions: Type.Array(Type.Object({ name: Type.String(), amount: Money })),
});

const Address = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    line1: Type.String({ minLength: 1, maxLength: 200 }),
    line2: Type.Optional(Type.String({ maxLength: 200 })),
    postalCode: Type.String({ minLength: 1, maxLength: 20 }),
    city: Type.String({ minLength: 1, maxLength: 100 }),
    country: Type.String({ pattern: '^[A-Z]{2}$' }),
  },
  { additionalProperties: false },
);

export const CheckoutBody = Type.Object(
  {
    cartId: Type.String({ minLength: 1, maxLength: 100 }),
    email: Type.String({ format: 'email', maxLength: 254 }),
    shippingAddress: Address,
    billingAddress: Type.Optional(Address),
    card: Type.Object(
      {
        number: Type.String({ pattern: '^[0-9 -]{12,23}$' }),
        expiry: Type.Optional(Type.String({ pattern: '^\\d{1,2}/(\\d{2}|\\d{4})$', description: 'MM/YY or MM/YYYY' })),
        cvc: Type.Optional(Type.String({ pattern: '^[0-9]{3,4}$' })),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type CheckoutBody = Static<typeof CheckoutBody>;

export const CheckoutHeaders = Type.Object({
  'idempotency-key': Type.String({ minLength: 8, maxLength: 200, description: 'Made when the payment form opened; a retry with it joins the same checkout' }),
  'cart-token': Type.Optional(Type.String({ maxLength: 200 })),
});

export const CheckoutResult = Type.Object({
  id: Type.String(),
  status: Type.String(),
  orderId: Nullable(Type.String()),
  order: Type.Union([Type.Object({ id: Type.String(), number: Type.String(), status: Type.String(), total: Money }), Type.Null()]),
});

export const OrdersQuery = Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }) }, { additionalProperties: false });

export const OrdersScreen = Type.Object({
  items: Type.Array(
    Type.Object({ id: Type.String(), number: Type.String(), status: Type.String(), placedAt: Type.String(), total: Money, itemCount: Type.Integer() }),
  ),
});
