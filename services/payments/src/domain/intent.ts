/** Where a payment intent is in its life. */
export const INTENT_STATUSES = ['pending', 'authorized', 'declined', 'failed', 'voided', 'captured', 'partially_refunded', 'refunded'] as const;
export type IntentStatus = (typeof INTENT_STATUSES)[number];

export interface Failure {
  code: string;
  message: string;
}

export interface Refund {
  id: string;
  amount: number;
  reason: string | null;
  createdAt: string;
}

/** A payment intent as the API and the events show it. */
export interface PaymentIntent {
  id: string;
  reference: string;
  orderId: string;
  accountId: string | null;
  amount: number;
  currency: string;
  status: IntentStatus;
  capturedAmount: number;
  refundedAmount: number;
  card: { brand: string; last4: string };
  failure: Failure | null;
  refunds: Refund[];
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** States in which the money is (or was) taken: refunds are possible, a void is not. */
export const CAPTURED_STATES: readonly IntentStatus[] = ['captured', 'partially_refunded', 'refunded'];

/** States a void leaves alone: nothing is held at the provider. */
export const CLOSED_WITHOUT_MONEY: readonly IntentStatus[] = ['declined', 'failed', 'voided'];

/** The status after refunds add up to `refunded` of `captured`. */
export function statusAfterRefund(captured: number, refunded: number): IntentStatus {
  return refunded >= captured ? 'refunded' : 'partially_refunded';
}
