import type { PaymentIntent } from '../domain/intent.ts';
import { publishPayment } from '../events/payment-events.ts';
import { providerKey, ProviderTimeoutError, withDeadline } from '../provider/call.ts';
import type { AuthorizeResult } from '../provider/provider.ts';
import type { Payments } from '../runtime.ts';
import { findIntentRow, intentView, lockIntentRow, updateIntent } from '../store/intents.store.ts';
import { postEntry } from '../store/ledger.store.ts';
import { voidAtProvider } from './void-at-provider.ts';

type Answer = AuthorizeResult | { outcome: 'unanswered'; failure: { code: string; message: string } };

/**
 * Asks the provider to authorize an intent that is still `authorizing`, and applies the answer. The
 * provider key is the intent's, so asking again (the recovery sweeper, after a crash) never
 * authorizes twice. No answer in time (or an error) fails the intent with `provider-timeout` and
 * voids at the provider, so no authorization can survive unseen.
 */
export async function authorizeIntent(payments: Payments, id: string): Promise<PaymentIntent> {
  const { ctx, provider, config } = payments;
  const row = await findIntentRow(ctx.db, id);
  if (!row) throw new Error(`intent ${id} vanished`);
  if (!row.authorizing) return intentView(ctx.db, row);

  let answer: Answer;
  try {
    answer = await withDeadline(config.PAYMENTS_PROVIDER_TIMEOUT_MS, (signal) =>
      provider.authorize({ key: providerKey(id, 'authorize'), intentId: id, amount: row.amount, currency: row.currency, cardToken: row.card_token }, signal),
    );
  } catch (error) {
    const timedOut = error instanceof ProviderTimeoutError;
    if (!timedOut) ctx.log.warn({ err: error, intentId: id }, 'payment provider authorization failed');
    answer = {
      outcome: 'unanswered',
      failure: timedOut
        ? { code: 'provider-timeout', message: `The payment provider did not answer within ${config.PAYMENTS_PROVIDER_TIMEOUT_MS} ms` }
        : { code: 'provider-error', message: 'The payment provider could not be reached' },
    };
  }

  const final: Answer = answer;
  const { intent, voidOwed } = await ctx.db.transaction().execute(async (tx) => {
    const current = (await lockIntentRow(tx, id))!;
    // Applied already (a webhook, a void or the sweeper got here first).
    if (!current.authorizing) return { intent: await intentView(tx, current), voidOwed: current.void_pending };
    if (final.outcome === 'declined' || final.outcome === 'unanswered') {
      const unanswered = final.outcome === 'unanswered';
      const changed = await updateIntent(tx, id, {
        status: unanswered ? 'failed' : 'declined',
        provider_ref: final.outcome === 'declined' ? final.providerRef : null,
        failure_code: final.failure.code,
        failure_message: final.failure.message,
        authorizing: false,
        void_pending: unanswered,
      });
      return { intent: await publishPayment(ctx, tx, 'failed', changed), voidOwed: unanswered };
    }
    if (final.outcome === 'pending') {
      const changed = await updateIntent(tx, id, { status: 'pending', provider_ref: final.providerRef, authorizing: false });
      return { intent: await intentView(tx, changed), voidOwed: false };
    }
    const changed = await updateIntent(tx, id, { status: 'authorized', provider_ref: final.providerRef, authorizing: false });
    await postEntry(tx, changed, 'authorization', changed.amount);
    return { intent: await publishPayment(ctx, tx, 'authorized', changed), voidOwed: false };
  });
  if (voidOwed) await voidAtProvider(payments, id);
  return intent;
}
