import { providerKey, withDeadline } from '../provider/call.ts';
import type { Payments } from '../runtime.ts';
import { findIntentRow } from '../store/intents.store.ts';

/**
 * Voids a failed intent's payment at the provider (its authorization answer never arrived, so it may
 * exist there) and clears `void_pending`. Idempotent (same provider key); on failure the flag stays
 * and the recovery sweeper tries again.
 */
export async function voidAtProvider(payments: Payments, id: string): Promise<boolean> {
  const { ctx, provider, config } = payments;
  const row = await findIntentRow(ctx.db, id);
  if (!row?.void_pending) return true;
  try {
    const result = await withDeadline(config.PAYMENTS_PROVIDER_TIMEOUT_MS, (signal) =>
      provider.void({ key: providerKey(id, 'void'), intentId: id, providerRef: row.provider_ref }, signal),
    );
    if (result.outcome === 'failed') {
      ctx.log.error({ intentId: id, code: result.failure.code }, 'the provider refused to void a failed payment');
      return false;
    }
  } catch (error) {
    ctx.log.warn({ err: error, intentId: id }, 'voiding a failed payment at the provider did not finish; will retry');
    return false;
  }
  await ctx.db.updateTable('payment_intents').set({ void_pending: false }).where('id', '=', id).execute();
  return true;
}
