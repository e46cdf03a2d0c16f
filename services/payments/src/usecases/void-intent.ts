import { problem } from '@mercato/kit';
import { CAPTURED_STATES, CLOSED_WITHOUT_MONEY, type PaymentIntent } from '../domain/intent.ts';
import { paymentsErrors } from '../errors.ts';
import { publishPayment } from '../events/payment-events.ts';
import { providerKey, ProviderTimeoutError, withDeadline } from '../provider/call.ts';
import type { Payments } from '../runtime.ts';
import { findIntentRow, intentView, lockIntentRow, updateIntent } from '../store/intents.store.ts';
import { postEntry } from '../store/ledger.store.ts';

/**
 * Voids an authorized or pending intent: the hold is released. Repeatable, and a no-op on declined,
 * failed and voided intents; a captured intent is a 409 (refund it instead).
 */
export async function voidIntent(payments: Payments, id: string): Promise<PaymentIntent> {
  const { ctx, provider, config } = payments;
  const row = await findIntentRow(ctx.db, id);
  if (!row) throw problem(paymentsErrors.intentNotFound, `No payment intent ${id}`);
  if (CLOSED_WITHOUT_MONEY.includes(row.status)) return intentView(ctx.db, row);
  if (CAPTURED_STATES.includes(row.status)) throw captured(id);

  let result;
  try {
    result = await withDeadline(config.PAYMENTS_PROVIDER_TIMEOUT_MS, (signal) =>
      provider.void({ key: providerKey(id, 'void'), intentId: id, providerRef: row.provider_ref }, signal),
    );
  } catch (error) {
    if (error instanceof ProviderTimeoutError) throw problem(paymentsErrors.providerTimeout, `${error.message}; voiding again is safe`);
    throw error;
  }

  return ctx.db.transaction().execute(async (tx) => {
    const current = (await lockIntentRow(tx, id))!;
    if (CLOSED_WITHOUT_MONEY.includes(current.status)) return intentView(tx, current);
    if (CAPTURED_STATES.includes(current.status)) throw captured(id);
    if (result.outcome === 'failed') throw problem(paymentsErrors.voidFailed, result.failure.message, { reason: result.failure.code });
    const held = current.status === 'authorized' ? current.amount : 0;
    const changed = await updateIntent(tx, id, { status: 'voided', released_amount: held, authorizing: false });
    await postEntry(tx, changed, 'void', held);
    return publishPayment(ctx, tx, 'voided', changed);
  });
}

function captured(id: string) {
  return problem(paymentsErrors.intentCaptured, `${id} was captured; refund it instead`);
}
