import { paymentAuthorized, paymentCaptured, paymentFailed, paymentRefunded, paymentVoided } from '@mercato/contracts';
import type { PaymentIntent } from '../domain/intent.ts';
import type { PaymentsContext, Tx } from '../store/context.ts';
import { intentView, type IntentRow } from '../store/intents.store.ts';

const TYPES = {
  authorized: paymentAuthorized.type,
  captured: paymentCaptured.type,
  voided: paymentVoided.type,
  failed: paymentFailed.type,
  refunded: paymentRefunded.type,
} as const;

/**
 * Publishes what happened to an intent, in the transaction that changed it; returns the intent's
 * view. The event carries the intent's state without its refund list (a refund event names its refund).
 */
export async function publishPayment(
  ctx: PaymentsContext,
  tx: Tx,
  what: keyof typeof TYPES,
  row: IntentRow,
  extra: { refund?: { id: string; amount: number } } = {},
): Promise<PaymentIntent> {
  const intent = await intentView(tx, row);
  const { refunds: _refunds, ...state } = intent;
  await ctx.events.publish(tx, { type: TYPES[what], subject: intent.id, data: { ...state, ...extra } });
  return intent;
}
