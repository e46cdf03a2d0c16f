import type { Payments } from '../runtime.ts';
import { unfinishedIntentIds } from '../store/intents.store.ts';
import { stalePendingRefunds } from '../store/refunds.store.ts';
import { authorizeIntent } from './authorize-intent.ts';
import { completeRefund } from './refund-intent.ts';
import { voidAtProvider } from './void-at-provider.ts';

const BATCH = 50;

/**
 * Drives provider work a crash or a lost answer left unfinished: authorizations not applied,
 * voids owed after a timeout, refunds without an answer. Each is asked again with its original
 * provider key, so nothing is done twice. Only work older than a provider timeout (plus a margin)
 * is touched, so a request still in progress is left alone.
 */
export async function recoverUnfinished(payments: Payments): Promise<number> {
  const olderThan = payments.config.PAYMENTS_PROVIDER_TIMEOUT_MS + 1_000;
  let done = 0;
  for (const intent of await unfinishedIntentIds(payments.ctx.db, olderThan, BATCH)) {
    if (intent.authorizing) await authorizeIntent(payments, intent.id);
    else await voidAtProvider(payments, intent.id);
    done += 1;
  }
  for (const refund of await stalePendingRefunds(payments.ctx.db, olderThan, BATCH)) {
    await completeRefund(payments, refund.id).catch((error) => payments.ctx.log.warn({ err: error, refundId: refund.id }, 'refund recovery did not finish'));
    done += 1;
  }
  return done;
}
