import { kitErrors, problem } from '@mercato/kit';
import { CAPTURED_STATES, type PaymentIntent } from '../domain/intent.ts';
import { paymentsErrors } from '../errors.ts';
import { publishPayment } from '../events/payment-events.ts';
import { providerKey, ProviderTimeoutError, withDeadline } from '../provider/call.ts';
import { IdempotencyKeyReusedError, type CaptureResult } from '../provider/provider.ts';
import type { Payments } from '../runtime.ts';
import { findIntentRow, intentView, lockIntentRow, updateIntent, type IntentRow } from '../store/intents.store.ts';
import { postEntry } from '../store/ledger.store.ts';

/**
 * Captures an authorized intent, all of it or `amount` (≤ authorized; the rest is released). A
 * repeat answers the captured intent. The provider serializes a capture racing a void: whichever it
 * accepted is applied. A refusal leaves the intent authorized with the failure recorded (402).
 */
export async function captureIntent(payments: Payments, id: string, amount: number | undefined): Promise<PaymentIntent> {
  const { ctx, provider, config } = payments;
  const row = await findIntentRow(ctx.db, id);
  if (!row) throw problem(paymentsErrors.intentNotFound, `No payment intent ${id}`);
  const repeat = checkCapturable(row, amount);
  if (repeat) return intentView(ctx.db, row);
  const requested = amount ?? row.amount;

  let answer: CaptureResult;
  try {
    answer = await withDeadline(config.PAYMENTS_PROVIDER_TIMEOUT_MS, (signal) =>
      provider.capture({ key: providerKey(id, 'capture'), intentId: id, providerRef: row.provider_ref!, amount: requested }, signal),
    );
  } catch (error) {
    if (error instanceof ProviderTimeoutError) throw problem(paymentsErrors.providerTimeout, `${error.message}; capturing again is safe`);
    if (error instanceof IdempotencyKeyReusedError) {
      const current = (await findIntentRow(ctx.db, id))!;
      if (current.status !== 'authorized') checkCapturable(current, amount);
      throw problem(kitErrors.conflict, 'A capture of another amount is in progress; read the intent again');
    }
    throw error;
  }

  const result = answer;
  const applied = await ctx.db.transaction().execute(async (tx): Promise<PaymentIntent | { refused: { code: string; message: string } }> => {
    const current = (await lockIntentRow(tx, id))!;
    if (current.status !== 'authorized') {
      if (checkCapturable(current, amount)) return intentView(tx, current);
      throw new Error(`intent ${id} is ${current.status} after the provider's capture answer`);
    }
    if (result.outcome === 'conflict') {
      throw problem(paymentsErrors.intentNotAuthorized, `The provider reports: ${result.failure.message}`, { reason: result.failure.code });
    }
    if (result.outcome === 'failed') {
      await updateIntent(tx, id, { failure_code: 'capture-failed', failure_message: result.failure.message });
      return { refused: result.failure };
    }
    const released = current.amount - result.amount;
    const changed = await updateIntent(tx, id, {
      status: 'captured',
      captured_amount: result.amount,
      released_amount: released,
      failure_code: null,
      failure_message: null,
    });
    await postEntry(tx, changed, 'capture', result.amount);
    await postEntry(tx, changed, 'release', released);
    return publishPayment(ctx, tx, 'captured', changed);
  });
  // Thrown after the commit: the refusal stays recorded on the intent.
  if ('refused' in applied) throw problem(paymentsErrors.captureFailed, applied.refused.message, { intentId: id, reason: applied.refused.code });
  return applied;
}

/** Throws when the intent cannot be captured; true when it already was (with this amount). */
function checkCapturable(row: IntentRow, amount: number | undefined): boolean {
  if (CAPTURED_STATES.includes(row.status)) {
    if (amount === undefined || amount === row.captured_amount) return true;
    throw problem(paymentsErrors.alreadyCaptured, `${row.id} was captured with ${row.captured_amount}`, { capturedAmount: row.captured_amount });
  }
  if (row.status === 'voided') throw problem(paymentsErrors.intentVoided, `${row.id} was voided; nothing can be captured`);
  if (row.status !== 'authorized') throw problem(paymentsErrors.intentNotAuthorized, `${row.id} is ${row.status}`, { status: row.status });
  if (amount !== undefined && amount > row.amount) {
    throw problem(paymentsErrors.captureExceedsAuthorized, `At most ${row.amount} can be captured`, { authorized: row.amount });
  }
  return false;
}
