import { problem } from '@mercato/kit';
import { CAPTURED_STATES, statusAfterRefund, type PaymentIntent } from '../domain/intent.ts';
import { paymentsErrors } from '../errors.ts';
import { publishPayment } from '../events/payment-events.ts';
import { providerKey, ProviderTimeoutError, withDeadline } from '../provider/call.ts';
import type { RefundResult } from '../provider/provider.ts';
import type { Payments } from '../runtime.ts';
import { intentView, lockIntentRow, updateIntent } from '../store/intents.store.ts';
import { postEntry } from '../store/ledger.store.ts';
import { findRefund, finishRefund, insertPendingRefund, pendingRefundTotal } from '../store/refunds.store.ts';

export interface RefundOutcome {
  refund: { id: string; intentId: string; amount: number; reason: string | null; createdAt: string };
  intent: PaymentIntent;
}

/**
 * Refunds part or all of a captured intent. The amount is first held as a pending refund under the
 * intent's lock, so concurrent refunds can never add up to more than was captured; then the
 * provider is asked (its key names the refund, so asking again never refunds twice).
 */
export async function refundIntent(payments: Payments, id: string, amount: number, reason: string | null): Promise<RefundOutcome> {
  const refundId = await payments.ctx.db.transaction().execute(async (tx) => {
    const row = await lockIntentRow(tx, id);
    if (!row) throw problem(paymentsErrors.intentNotFound, `No payment intent ${id}`);
    if (!CAPTURED_STATES.includes(row.status)) throw problem(paymentsErrors.intentNotCaptured, `${id} is ${row.status}`, { status: row.status });
    const refundable = row.captured_amount - row.refunded_amount - (await pendingRefundTotal(tx, id));
    if (amount > refundable) throw problem(paymentsErrors.refundExceedsCaptured, `At most ${refundable} can be refunded now`, { refundable });
    return insertPendingRefund(tx, id, amount, reason);
  });
  return completeRefund(payments, refundId);
}

/** Asks the provider for a pending refund and applies the answer (also the recovery sweeper's way). */
export async function completeRefund(payments: Payments, refundId: string): Promise<RefundOutcome> {
  const { ctx, provider, config } = payments;
  const refund = (await findRefund(ctx.db, refundId))!;
  const intentRow = (await ctx.db.selectFrom('payment_intents').select('provider_ref').where('id', '=', refund.intent_id).executeTakeFirstOrThrow());
  let result: RefundResult | undefined;
  if (refund.status === 'pending') {
    try {
      result = await withDeadline(config.PAYMENTS_PROVIDER_TIMEOUT_MS, (signal) =>
        provider.refund({ key: providerKey(refund.intent_id, 'refund', refundId), intentId: refund.intent_id, providerRef: intentRow.provider_ref!, amount: refund.amount }, signal),
      );
    } catch (error) {
      // The refund stays pending (its amount held) until the recovery sweeper gets an answer.
      if (error instanceof ProviderTimeoutError) throw problem(paymentsErrors.providerTimeout, `${error.message}; the refund ${refundId} will be completed`, { refundId });
      throw error;
    }
  }

  if (result?.outcome === 'failed') {
    const failure = result.failure;
    await ctx.db.transaction().execute((tx) => finishRefund(tx, refundId, { status: 'failed', failure }));
    throw problem(paymentsErrors.refundFailed, failure.message, { refundId, reason: failure.code });
  }
  return ctx.db.transaction().execute(async (tx) => {
    const row = (await lockIntentRow(tx, refund.intent_id))!;
    let intent: PaymentIntent;
    if (result && (await finishRefund(tx, refundId, { status: 'succeeded', providerRef: result.providerRef }))) {
      const refunded = row.refunded_amount + refund.amount;
      const changed = await updateIntent(tx, row.id, { refunded_amount: refunded, status: statusAfterRefund(row.captured_amount, refunded) });
      await postEntry(tx, changed, 'refund', refund.amount, refundId);
      intent = await publishPayment(ctx, tx, 'refunded', changed, { refund: { id: refundId, amount: refund.amount } });
    } else {
      intent = await intentView(tx, row);
    }
    const view = { id: refundId, intentId: row.id, amount: refund.amount, reason: refund.reason, createdAt: refund.created_at.toISOString() };
    return { refund: view, intent };
  });
}
