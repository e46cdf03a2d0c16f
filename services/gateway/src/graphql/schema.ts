/**
 * The web BFF's schema (SDL). docs/reference/schema.graphql is this text; a test keeps it current.
 * Additive changes only: the storefront codes against these names.
 */
export const SDL = `"""Money in integer minor units; formatted for display (English), e.g. "€24.99"."""
type Money { amount: Int!  currency: String!  formatted: String! }
type Brand { id: ID!  name: String! }
type Category { id: ID!  name: String!  parentId: ID  children: [Category!]! }
"""The viewer's price: guests get list prices, signed-in customers their group or contract price. kind: base|group|contract."""
type Price { unit: Money!  kind: String  listCode: String }
type Availability { available: Int!  inStock: Boolean! }
type Variant { sku: String!  name: String!  options: [VariantOption!]!  price: Price  availability: Availability! }
type VariantOption { name: String!  value: String! }
type AttributeValue { code: String!  label: String!  value: String! }
type Product {
  id: ID!
  handle: String!
  name: String!
  description: String
  brand: Brand
  category: Category
  image: String
  images: [String!]!
  attributes: [AttributeValue!]!
  variants: [Variant!]!
  """The viewer's price of the cheapest variant ("from")."""
  price: Price
  """Whether any variant is available."""
  inStock: Boolean!
}
type FacetValue { value: String!  label: String!  count: Int!  selected: Boolean! }
type AttributeFacet { code: String!  label: String!  values: [FacetValue!]! }
type Facets { category: [FacetValue!]!  brand: [FacetValue!]!  attributes: [AttributeFacet!]! }
type ProductConnection { items: [Product!]!  total: Int!  nextCursor: String  facets: Facets! }
type Suggestion { text: String! }
type Suggestions { completions: [Suggestion!]!  products: [Product!]! }
input AttributeFilter { code: String!  values: [String!]! }
"""PRICE_ASC and PRICE_DESC order the 100 best matches by the viewer's price."""
enum SearchSort { RELEVANCE  PRICE_ASC  PRICE_DESC  NEWEST  NAME }
type Totals { subtotal: Money!  discount: Money!  tax: Money!  shipping: Money!  grandTotal: Money! }
type CartLine { sku: String!  quantity: Int!  unitPrice: Money!  lineTotal: Money!  product: Product  variantName: String }
type AppliedPromotion { name: String!  amount: Money! }
type ShippingChoice { country: String!  method: String! }
type Cart {
  id: ID!
  """Set when a guest cart is created: send it back in the cart-token header."""
  token: String
  status: String!
  currency: String!
  lines: [CartLine!]!
  itemCount: Int!
  totals: Totals!
  shipping: ShippingChoice
  coupons: [String!]!
  promotions: [AppliedPromotion!]!
}
type ShippingMethod { code: String!  name: String!  price: Money }
type Address { name: String!  line1: String!  line2: String  postalCode: String!  city: String!  country: String! }
type OrderLine { sku: String!  name: String!  quantity: Int!  unitPrice: Money!  lineTotal: Money! }
type Shipment { carrier: String  trackingNumber: String }
"""status: the orders service's state (placed, approved, prepared, shipped, delivered, cancelled)."""
type Order {
  id: ID!
  number: String
  status: String!
  placedAt: String!
  email: String
  lines: [OrderLine!]!
  totals: Totals!
  shippingAddress: Address
  shipment: Shipment
  """Number of units ordered."""
  itemCount: Int!
}
type Checkout { id: ID!  status: String!  orderId: ID  order: Order  failure: CheckoutFailure }
type CheckoutFailure { code: String!  title: String!  detail: String }
type Account { id: ID!  email: String!  name: String  roles: [String!]! }
type Viewer {
  """Null for guests."""
  account: Account
  """The signed-in viewer's open cart; null for guests (they keep their cart's id and token)."""
  cart: Cart
  """Newest first; empty for guests."""
  orders(first: Int = 20): [Order!]!
  addresses: [Address!]!
}
type Query {
  viewer: Viewer!
  search(q: String, category: ID, brands: [ID!], attributes: [AttributeFilter!], sort: SearchSort = RELEVANCE, first: Int = 24, after: String): ProductConnection!
  suggest(q: String!, first: Int = 6): Suggestions!
  product(handle: String!): Product
  """The tree's roots, children nested."""
  categories: [Category!]!
  """Guest carts: send the cart-token header."""
  cart(id: ID!): Cart
  shippingMethods(country: String!): [ShippingMethod!]!
  """Its owner or staff."""
  order(id: ID!): Order
  checkout(id: ID!): Checkout
}
input AddressInput { name: String!  line1: String!  line2: String  postalCode: String!  city: String!  country: String! }
"""expiry: MM/YY or MM/YYYY."""
input CardInput { number: String!  expiry: String  cvc: String }
input CheckoutInput { cartId: ID!  email: String!  shippingAddress: AddressInput!  billingAddress: AddressInput  card: CardInput! }
type Mutation {
  """Returns the token of a guest cart: the client keeps id and token."""
  createCart(currency: String = "EUR"): Cart!
  addToCart(cartId: ID!, sku: String!, quantity: Int = 1): Cart!
  updateCartLine(cartId: ID!, sku: String!, quantity: Int!): Cart!
  removeCartLine(cartId: ID!, sku: String!): Cart!
  setShipping(cartId: ID!, country: String!, method: String!): Cart!
  applyCoupon(cartId: ID!, code: String!): Cart!
  removeCoupon(cartId: ID!, code: String!): Cart!
  """Signed in: merges the guest cart (cart-token header) into the viewer's."""
  mergeCart(guestCartId: ID!): Cart!
  """A declined card is a GraphQL error with extensions.code payment-declined (status 402)."""
  checkout(input: CheckoutInput!, idempotencyKey: String!): Checkout!
}
`;
