/** TypeScript mirrors of the web BFF's GraphQL types (docs/reference/schema.graphql), as far as the storefront reads them. */

export type Money = { amount: number; currency: string; formatted: string };
export type Brand = { id: string; name: string };
export type Category = { id: string; name: string; parentId: string | null; children: Category[] };
export type Price = { unit: Money; kind: string | null; listCode: string | null };
export type Availability = { available: number; inStock: boolean };
export type VariantOption = { name: string; value: string };
export type Variant = { sku: string; name: string; options: VariantOption[]; price: Price | null; availability: Availability };
export type AttributeValue = { code: string; label: string; value: string };

/** What a product tile needs. */
export type ProductSummary = {
  id: string;
  handle: string;
  name: string;
  image: string | null;
  brand: Brand | null;
  price: Price | null;
  inStock: boolean;
};

export type Product = ProductSummary & {
  description: string | null;
  category: Pick<Category, 'id' | 'name'> | null;
  images: string[];
  attributes: AttributeValue[];
  variants: Variant[];
};

export type FacetValue = { value: string; label: string; count: number; selected: boolean };
export type AttributeFacet = { code: string; label: string; values: FacetValue[] };
export type Facets = { category: FacetValue[]; brand: FacetValue[]; attributes: AttributeFacet[] };
export type ProductConnection = { items: ProductSummary[]; total: number; nextCursor: string | null; facets: Facets };
export type Suggestions = { completions: Array<{ text: string }>; products: ProductSummary[] };
export type AttributeFilter = { code: string; values: string[] };
export type SearchSort = 'RELEVANCE' | 'PRICE_ASC' | 'PRICE_DESC' | 'NEWEST' | 'NAME';

export type Totals = { subtotal: Money; discount: Money; tax: Money; shipping: Money; grandTotal: Money };
export type CartLine = {
  sku: string;
  quantity: number;
  unitPrice: Money;
  lineTotal: Money;
  variantName: string | null;
  product: Pick<ProductSummary, 'id' | 'handle' | 'name' | 'image'> | null;
};
export type Cart = {
  id: string;
  token: string | null;
  status: string;
  currency: string;
  lines: CartLine[];
  itemCount: number;
  totals: Totals;
  shipping: { country: string; method: string } | null;
  coupons: string[];
  promotions: Array<{ name: string; amount: Money }>;
};
export type ShippingMethod = { code: string; name: string; price: Money | null };

export type Address = { name: string; line1: string; line2: string | null; postalCode: string; city: string; country: string };
export type OrderLine = { sku: string; name: string; quantity: number; unitPrice: Money; lineTotal: Money };
export type Order = {
  id: string;
  number: string | null;
  status: string;
  placedAt: string;
  email: string | null;
  lines: OrderLine[];
  totals: Totals;
  shippingAddress: Address | null;
  shipment: { carrier: string | null; trackingNumber: string | null } | null;
};
export type Checkout = {
  id: string;
  status: string;
  orderId: string | null;
  order: Order | null;
  failure: { code: string; title: string; detail: string | null } | null;
};
export type Account = { id: string; email: string; name: string | null; roles: string[] };

export type AddressInput = { name: string; line1: string; line2?: string; postalCode: string; city: string; country: string };
export type CheckoutInput = {
  cartId: string;
  email: string;
  shippingAddress: AddressInput;
  billingAddress?: AddressInput;
  card: { number: string; expiry?: string; cvc?: string };
};
