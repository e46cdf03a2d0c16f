import type { OrderAddress } from '@mercato/contracts';
import type { Static } from '@sinclair/typebox';
import type { Placement } from './events.ts';

/** The order aggregate's state: everything a decision needs, folded from the order's events. */

export type OrderStatus = 'placed' | 'approved' | 'prepared' | 'shipped' | 'delivered' | 'cancelled';
export type PaymentStatus = 'pending' | 'authorized' | 'paid' | 'partially_refunded' | 'refunded' | 'voided';

/** A postal address as orders keep it (the contract's shape). */
export type Address = Static<typeof OrderAddress>;

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

/** An order: what it was placed with, and where it stands now. */
export interface Order extends Placement {
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
