import { problem, ProblemError, type ServiceClient } from '@mercato/kit';
import { ordersErrors } from '../errors.ts';

/** The part of a payments PaymentIntent the orders service reads. */
interface Intent {
  id: string;
  status: string;
  amount: number;
  capturedAmount: number;
  refundedAmount: number;
  refunds?: Array<{ id: string; amount: number }>;
}

const base = (intentId: string) => `/api/payments/intents/${encodeURIComponent(intentId)}`;

/**
 * Money movements of an order, through the payments service. Every call is safe to repeat: capture
 * and void are repeatable there, and each refund carries an Idempotency-Key derived from the order
 * and its version, so a retry of the same command never refunds twice.
 */
export class OrderPayments {
  constructor(private readonly payments: ServiceClient) {}

  /** Captures the authorized amount; payments' `capture-failed` (the provider refused) becomes a 402 `payment-not-captured` (the order stays prepared). */
  async capture(orderId: string, intentId: string, amount: number): Promise<number> {
    try {
      const intent = await this.payments.json<Intent>(`${base(intentId)}/capture`, {
        method: 'POST',
        body: { amount },
        headers: { 'idempotency-key': `${orderId}:capture` },
      });
      return intent.capturedAmount;
    } catch (error) {
      // The provider's refusal; payments' other answers (not authorized, voided…) pass through as they are.
      if (error instanceof ProblemError && error.spec.code === 'capture-failed') {
        throw problem(ordersErrors.paymentNotCaptured, `The payment ${intentId} could not be captured (${error.detail ?? error.spec.title}); the order is still prepared`, {
          payment: { code: error.spec.code, status: error.status, detail: error.detail ?? null },
        });
      }
      throw error;
    }
  }

  /**
   * Releases the money of a cancelled order: voids the authorization, or, when it was already
   * captured (payments answers 409 `intent-captured`), refunds what is left of the capture. Returns what happened.
   */
  async release(orderId: string, intentId: string, version: number): Promise<{ payment: 'voided' | 'refunded'; refundedAmount: number }> {
    try {
      await this.payments.json<Intent>(`${base(intentId)}/void`, { method: 'POST', body: {}, headers: { 'idempotency-key': `${orderId}:void` } });
      return { payment: 'voided', refundedAmount: 0 };
    } catch (error) {
      if (!(error instanceof ProblemError) || error.spec.code !== 'intent-captured') throw error;
    }
    const intent = await this.payments.json<Intent>(base(intentId));
    const left = intent.capturedAmount - intent.refundedAmount;
    if (left > 0) await this.refund(intentId, left, 'order cancelled', `${orderId}:cancel:v${version}`);
    return { payment: 'refunded', refundedAmount: left };
  }

  /** Refunds part of the capture; `key` makes a retry of the same refund a replay. */
  async refund(intentId: string, amount: number, reason: string, key: string): Promise<{ id: string; amount: number }> {
    const answer = await this.payments.json<Record<string, unknown>>(`${base(intentId)}/refunds`, {
      method: 'POST',
      body: { amount, reason },
      headers: { 'idempotency-key': key },
    });
    // The answer is the refund, or (depending on the payments version) the intent with its refunds.
    if (Array.isArray(answer.refunds)) {
      const refunds = answer.refunds as Array<{ id: string; amount: number }>;
      const refund = refunds[refunds.length - 1]!;
      return { id: refund.id, amount: refund.amount };
    }
    const refund = (answer.refund ?? answer) as { id: string; amount: number };
    return { id: refund.id, amount: refund.amount };
  }
}

/** The refund Idempotency-Key of an order at a version: one refund per (order, version). */
export function refundKey(orderId: string, version: number): string {
  return `${orderId}:refund:v${version}`;
}
