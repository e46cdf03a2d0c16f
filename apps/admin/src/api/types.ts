/** The resource shapes this app reads (subsets of docs/reference/openapi/*.json). */

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const ORDER_STATUSES = ['placed', 'approved', 'prepared', 'shipped', 'delivered', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export const PAYMENT_STATUSES = ['pending', 'authorized', 'paid', 'partially_refunded', 'refunded', 'voided'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export interface OrderSummary {
  id: string;
  number: string;
  status: OrderStatus;
  paymentStatus: PaymentStatus;
  currency: string;
  grandTotal: number;
  itemCount: number;
  placedAt: string;
  updatedAt: string;
  version: number;
  accountId: string | null;
  email: string;
}

export interface Address {
  name: string;
  line1: string;
  line2?: string;
  postalCode: string;
  city: string;
  region?: string;
  country: string;
  phone?: string;
}

export interface Order {
  id: string;
  number: string;
  accountId: string | null;
  email: string;
  status: OrderStatus;
  paymentStatus: PaymentStatus;
  currency: string;
  channel: string;
  taxMode: string;
  lines: Array<{ sku: string; name?: string; quantity: number; unitPrice: number; lineTotal: number; discount: number; taxAmount: number }>;
  discounts: Array<{ code: string | null; amount: number; name: string }>;
  coupons: string[];
  totals: { subtotal: number; discountTotal: number; taxTotal: number; shippingTotal: number; grandTotal: number };
  shippingMethod: string;
  shippingAddress: Address;
  billingAddress: Address;
  payment: { intentId: string | null; authorizedAmount: number; capturedAmount: number; refundedAmount: number };
  tracking: { carrier: string; trackingNumber: string; trackingUrl: string | null } | null;
  refunds: Array<{ id: string; amount: number; reason: string; full: boolean; at: string }>;
  cancellation: { reason: string; at: string } | null;
  notes?: Array<{ text: string; author: string; at: string }>;
  placedAt: string;
  updatedAt: string;
  version: number;
}

export interface OrderEvent {
  version: number;
  type: string;
  data: Record<string, unknown>;
  occurredAt: string;
  actor: string | null;
}

export interface Variant {
  id?: string;
  sku: string;
  name: string;
  options: Record<string, string>;
  attributes: Record<string, unknown>;
  weightGrams: number | null;
}

export interface Product {
  id: string;
  handle: string;
  name: string;
  description: string;
  status: 'draft' | 'published';
  categoryId: string | null;
  brandId: string | null;
  channels: string[];
  media: Array<{ url: string; alt: string }>;
  variants: Variant[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface SearchHit {
  id: string;
  handle: string;
  name: string;
  skus: string[];
  brand: { id: string; name: string } | null;
  category: { id: string; name: string } | null;
  updatedAt: string;
}

export interface Category {
  id: string;
  name: string;
  slug?: string;
  parentId?: string | null;
  path?: string[];
}

export interface Brand {
  id: string;
  name: string;
}

export interface ImportJob {
  id: string;
  kind: 'products' | 'categories' | 'attributes';
  format: 'csv' | 'ndjson';
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  fileBytes: number;
  rows: { total: number; done: number; failed: number };
  items: { created: number; updated: number; unchanged: number; failed: number };
  progress: { percent: number; rowsPerSecond: number | null; etaSeconds: number | null };
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface ImportError {
  position: number;
  line: number;
  item: string | null;
  field: string | null;
  code: string;
  message: string;
}

export interface PriceList {
  id: string;
  code: string;
  name: string;
  kind: 'base' | 'group' | 'contract';
  currency: string;
  taxMode: 'gross' | 'net';
  channel: string | null;
  groupCode: string | null;
  companyId: string | null;
  customerId: string | null;
  priority: number;
  validFrom: string | null;
  validTo: string | null;
  active: boolean;
  version: number;
}

export interface SkuPrice {
  sku: string;
  tiers: Array<{ minQuantity: number; amount: number }>;
}

export interface Promotion {
  id: string;
  code: string;
  name: string;
  description: string;
  currency: string | null;
  conditions: Array<{ type: string }>;
  action: { type: string; percent?: number; amount?: number; buy?: number; get?: number };
  priority: number;
  stacking: 'stackable' | 'exclusive';
  validFrom: string | null;
  validTo: string | null;
  active: boolean;
  version: number;
}

export interface Warehouse {
  code: string;
  name: string;
  priority: number;
  active: boolean;
}

export interface SkuStock {
  sku: string;
  onHand: number;
  reserved: number;
  available: number;
  inStock: boolean;
  backorderable: boolean;
  backorder: { policy: 'deny' | 'allow'; limit: number | null; held: number; owed: number };
  warehouses: Array<{ code: string; name: string; active: boolean; onHand: number; reserved: number; available: number }>;
}

export interface Movement {
  id: string;
  sku: string;
  warehouse: string;
  type: string;
  reason: string;
  actor: string;
  before: { onHand: number; reserved: number };
  after: { onHand: number; reserved: number };
  createdAt: string;
}

export interface Customer {
  id: string;
  accountId: string;
  companyId: string | null;
  groups: string[];
  effectiveGroups: string[];
  email: string | null;
  name: string;
  phone: string | null;
  createdAt: string;
}

export interface EventsStatus {
  outbox: { pending: number; oldestSeconds: number; relayLeader: boolean } | null;
  queue: { service: string; ready: number; unacknowledged: number; deadLettered: number } | null;
}
