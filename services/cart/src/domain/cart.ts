/** A line as stored: what the customer asked for (prices live in `PricedCart`). */
export interface StoredLine {
  sku: string;
  quantity: number;
}

/** One priced line. */
export interface PricedLine {
  sku: string;
  quantity: number;
  unitPrice: number;
  lineTotal: number;
  discount: number;
  tax: number | null;
  /** The price list that gave the price (pricing's explanation), and when it stops applying. */
  priceList: { id: string; code: string; kind: string; validTo: string | null };
}

/** What a coupon did to the cart, as the last quote explained it. */
export interface CouponOutcome {
  code: string;
  status: 'applied' | 'rejected' | 'pending';
  amount: number;
  reason: string | null;
}

/** The prices and totals of a cart at `pricedAt`. */
export interface PricedCart {
  minorUnits: number;
  taxMode: 'gross' | 'net';
  lines: PricedLine[];
  /** Promotions as the quote explained them (pricing's shape, passed through). */
  discounts: unknown[];
  coupons: CouponOutcome[];
  subtotal: number;
  discountTotal: number;
  /** null until a shipping destination is set (tax and shipping depend on it). */
  taxTotal: number | null;
  shippingTotal: number | null;
  grandTotal: number;
  pricedAt: string;
}

/** Something the customer should be told about the cart. */
export type Notice =
  | { type: 'price-changed'; sku: string; previousUnitPrice: number; unitPrice: number }
  | { type: 'quantity-capped'; sku: string; requested: number; quantity: number }
  | { type: 'coupon-dropped'; code: string; reason: string };

/** A cart row as the use cases see it. */
export interface Cart {
  id: string;
  accountId: string | null;
  tokenHash: string | null;
  /** `checking_out`: a checkout holds the cart, customers cannot change it; `ordered`: it became an order. */
  status: 'open' | 'checking_out' | 'ordered' | 'merged' | 'expired';
  checkoutId: string | null;
  orderId: string | null;
  currency: string;
  minorUnits: number;
  channel: 'web' | 'mobile';
  shipping: { country: string; method: string } | null;
  lines: StoredLine[];
  coupons: string[];
  priced: PricedCart | null;
  pricedAt: Date | null;
  stale: boolean;
  notices: Notice[];
  version: number;
  createdAt: Date;
  updatedAt: Date;
  lastActiveAt: Date;
}
