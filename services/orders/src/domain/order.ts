/** The order aggregate's state: everything a decision needs, folded from the order's events. */

export type OrderStatus = 'placed' | 'approved' | 'prepared' | 'shipped' | 'delivered' | 'cancelled';
export type PaymentStatus = 'pending' | 'authorized' | 'paid' | 'partially_refunded' | 'refunded' | 'voided';

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

export interface OrderLine {
  sku: string;
  name?: string;
  quantity: number;
  unitPrice: number;
  lineTotal: number;
  discount: number;
  taxAmount: number;
}

export interface Totals {
  subtotal: number;
  discountTotal: number;
  taxTotal: number;
  shippingTotal: number;
  grandTotal: number;
}

export interface Tracking {
  carrier: string;
  trackingNumber: string;
  trackingUrl: string | null;
}

export interface Refund {
  id: string;
  amount: number;
  reason: string;
  full: boolean;
  at: string;
}

export interface Order {
  id: string;
  number: string;
  checkoutId: string;
  accountId: string | null;
  email: string;
  currency: string;
  channel: string;
  taxMode: string;
  lines: OrderLine[];
  discounts: Array<{ code: string | null; amount: number; name: string }>;
  coupons: string[];
  totals: Totals;
  shippingMethod: string;
  shippingAddress: Address;
  billingAddress: Address;
  reservationId: string | null;
  redemptionIds: string[];
  status: OrderStatus;
  paymentStatus: PaymentStatus;
  payment: { intentId: string | null; authorizedAmount: number; capturedAmount: number; refundedAmount: number };
  tracking: Tracking | null;
  refunds: Refund[];
  cancellation: { reason: string; at: string } | null;
  /** Notes live in the detail read model (they never decide anything): only their count is kept here. */
  noteCount: number;
  placedAt: string;
  updatedAt: string;
  /** The number of events folded: the stream's version. */
  version: number;
}

/** What is left to refund of the captured amount. */
export function refundable(order: Order): number {
  return order.payment.capturedAmount - order.payment.refundedAmount;
}
