/** The parts of the services' answers the BFF reads (see docs/reference/openapi/*.json). */

export interface CatalogVariant {
  id: string;
  sku: string;
  name: string;
  options: Record<string, string>;
  attributes: Record<string, unknown>;
}

export interface CatalogProduct {
  id: string;
  handle: string;
  name: string;
  description: string;
  categoryId: string | null;
  brandId: string | null;
  attributes: Record<string, unknown>;
  media: Array<{ url: string; alt: string }>;
  variants: CatalogVariant[];
  createdAt: string;
}

export interface CategoryNode {
  id: string;
  name: string;
  parentId: string | null;
  children: CategoryNode[];
}

export interface BrandRecord {
  id: string;
  name: string;
}

export interface AttributeDefinition {
  code: string;
  type: 'text' | 'number' | 'enum' | 'boolean';
  label: Record<string, string>;
  options: Array<{ code: string; label: Record<string, string> }>;
}

export interface SearchHit {
  id: string;
  handle: string;
  name: string;
  skus: string[];
  brand: { id: string; name: string } | null;
  category: { id: string; name: string } | null;
  image: string | null;
}

export interface FacetCount {
  value: string;
  label: string;
  count: number;
  selected: boolean;
}

export interface SearchPage {
  items: SearchHit[];
  total: number;
  nextCursor: string | null;
  facets: { category: FacetCount[]; brand: FacetCount[]; attributes: Array<{ code: string; label: string; values: FacetCount[] }> };
}

export interface SuggestAnswer {
  completions: Array<{ text: string }>;
  products: Array<{ id: string; handle: string; name: string; image: string | null }>;
}

export interface ResolvedPrice {
  sku: string;
  unitPrice: number | null;
  source: { listCode: string; kind: 'base' | 'group' | 'contract' } | null;
}

export interface ResolveAnswer {
  currency: string;
  items: ResolvedPrice[];
}

export interface AvailabilityRecord {
  sku: string;
  available: number;
  inStock: boolean;
}

export interface CartBody {
  id: string;
  status: string;
  currency: string;
  shipping: { country: string; method: string } | null;
  lines: Array<{ sku: string; quantity: number; unitPrice: number; lineTotal: number }>;
  coupons: Array<{ code: string; status: string }>;
  discounts: Array<{ name?: string; amount?: number }>;
  totals: { subtotal: number; discounts: number; tax: number | null; shipping: number | null; grandTotal: number };
  token?: string;
}

export interface AddressBody {
  name: string;
  line1: string;
  line2?: string | null;
  postalCode: string | null;
  city: string;
  country: string;
}

export interface CheckoutBody {
  id: string;
  status: string;
  orderId: string | null;
  failure: { code: string; message: string } | null;
}

export interface OrderTotals {
  subtotal: number;
  discountTotal: number;
  taxTotal: number;
  shippingTotal: number;
  grandTotal: number;
}

export interface OrderBody {
  id: string;
  number: string;
  email: string;
  status: string;
  currency: string;
  lines: Array<{ sku: string; name?: string; quantity: number; unitPrice: number; lineTotal: number }>;
  totals: OrderTotals;
  shippingAddress: AddressBody;
  tracking: { carrier: string; trackingNumber: string } | null;
  placedAt: string;
}

export interface OrderSummaryBody {
  id: string;
  number: string;
  status: string;
  currency: string;
  grandTotal: number;
  itemCount: number;
  placedAt: string;
}

export interface ShippingMethodBody {
  code: string;
  name: string;
  active: boolean;
  rates: Array<{ zone: string; currency: string; kind: 'flat' | 'weight'; amount?: number }>;
}

export interface AccountBody {
  id: string;
  email: string;
  name: string;
  roles: string[];
}
