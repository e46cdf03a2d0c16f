import type { Address, OrderLine, Totals, Tracking } from './order.ts';

/** What an order is placed with (the checkout's final, priced state). */
export interface Placement {
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
}

/** The order's internal events: the stream is the order. */
export type OrderEvent =
  | { type: 'OrderPlaced'; data: Placement }
  | { type: 'PaymentAuthorized'; data: { intentId: string; amount: number } }
  | { type: 'OrderApproved'; data: Record<string, never> }
  | { type: 'OrderPrepared'; data: Record<string, never> }
  | { type: 'OrderShipped'; data: Tracking }
  | { type: 'OrderPaid'; data: { amount: number } }
  | { type: 'OrderDelivered'; data: Record<string, never> }
  | { type: 'OrderCancelled'; data: { reason: string; payment: 'voided' | 'refunded'; refundedAmount: number } }
  | { type: 'OrderRefunded'; data: { amount: number; refundId: string; reason: string; full: boolean } }
  | { type: 'NoteAdded'; data: { text: string; author: string } }
  | { type: 'AddressChanged'; data: { shippingAddress?: Address; billingAddress?: Address } };

export type OrderEventType = OrderEvent['type'];

/** An event as stored: its place in the stream, when it happened and who caused it. */
export type RecordedEvent = OrderEvent & { version: number; occurredAt: string; actor: string };
