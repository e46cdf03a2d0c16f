import type { Logger } from 'pino';
import { exhausted, retryDelay, type RetryPolicy } from '../domain/backoff.ts';
import type { Delivery } from '../domain/delivery.ts';
import { maskEmail, maskEmails } from '../domain/mask.ts';
import { claimDue, markAttemptFailed, markSent } from '../store/deliveries.store.ts';
import type { Db } from '../store/context.ts';
import { composeMessage } from './compose.ts';
import type { Mailer } from './mailer.ts';

export interface SendSettings {
  from: string;
  batch: number;
  /** How long a claimed delivery is reserved for one sending attempt. */
  leaseMs: number;
  retry: RetryPolicy;
}

/**
 * One round of the sender: claims the due deliveries (a short transaction of its own), then sends
 * each outside any transaction and records the outcome. Returns how many it claimed.
 */
export async function sendDue(db: Db, mailer: Mailer, settings: SendSettings, log: Logger): Promise<number> {
  const claimed = await claimDue(db, settings.batch, settings.leaseMs);
  for (const delivery of claimed) await sendOne(db, mailer, settings, log, delivery);
  return claimed.length;
}

async function sendOne(db: Db, mailer: Mailer, settings: SendSettings, log: Logger, delivery: Delivery): Promise<void> {
  const about = { delivery_id: delivery.id, kind: delivery.kind, order_id: delivery.orderId, to: maskEmail(delivery.to), attempt: delivery.attempts + 1 };
  try {
    const { messageId, raw } = await composeMessage(delivery, settings.from);
    const receipt = await mailer.send({ deliveryId: delivery.id, from: settings.from, to: delivery.to, raw });
    await markSent(db, delivery, { messageId, file: receipt.file, raw });
    log.info({ ...about, transport: mailer.transport }, 'notification sent');
  } catch (err) {
    // Relays quote the recipient in their errors: the log and the delivery log keep it masked.
    const error = maskEmails(err instanceof Error ? err.message : String(err));
    const failed = delivery.attempts + 1;
    const retryAt = exhausted(failed, settings.retry) ? null : new Date(Date.now() + retryDelay(failed, settings.retry));
    await markAttemptFailed(db, delivery, error, retryAt);
    if (retryAt) log.warn({ ...about, error, retry_at: retryAt.toISOString() }, 'notification not sent; will retry');
    else log.error({ ...about, error }, 'notification failed for good');
  }
}
