import { problem } from '@mercato/kit';
import { paymentsErrors } from '../errors.ts';
import { publishPayment } from '../events/payment-events.ts';
import { InvalidWebhookError, type WebhookEvent } from '../provider/provider.ts';
import type { Payments } from '../runtime.ts';
import { lockIntentRow, updateIntent } from '../store/intents.store.ts';
import { postEntry } from '../store/ledger.store.ts';

/**
 * Applies a provider webhook after checking its signature (401 otherwise). Only a pending intent
 * changes; a repeated or late webhook changes nothing, so providers may deliver more than once.
 */
export async function receiveWebhook(payments: Payments, rawBody: string, headers: Record<string, string | string[] | undefined>): Promise<WebhookEvent> {
  const { ctx, provider } = payments;
  let event: WebhookEvent;
  try {
    event = provider.parseWebhook(rawBody, headers);
  } catch (error) {
    if (error instanceof InvalidWebhookError) throw problem(paymentsErrors.invalidWebhookSignature, error.message);
    throw error;
  }
  await ctx.db.transaction().execute(async (tx) => {
    const row = await lockIntentRow(tx, event.intentId);
    if (!row || row.status !== 'pending') return;
    if (event.type === 'authorization.succeeded') {
      const changed = await updateIntent(tx, row.id, { status: 'authorized', provider_ref: event.providerRef, authorizing: false });
      await postEntry(tx, changed, 'authorization', changed.amount);
      await publishPayment(ctx, tx, 'authorized', changed);
    } else {
      const changed = await updateIntent(tx, row.id, {
        status: 'declined',
        provider_ref: event.providerRef,
        failure_code: event.failure.code,
        failure_message: event.failure.message,
        authorizing: false,
      });
      await publishPayment(ctx, tx, 'failed', changed);
    }
  });
  return event;
}
