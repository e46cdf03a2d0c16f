import type { NotificationsConfig } from '../config.ts';
import type { NotificationsContext } from '../store/context.ts';
import type { Mailer } from './mailer.ts';
import { sendDue, type SendSettings } from './send-due.ts';

/** Settings of the sender from the configuration. */
export function sendSettings(config: NotificationsConfig): SendSettings {
  return {
    from: config.NOTIFICATIONS_FROM,
    batch: config.NOTIFICATIONS_SEND_BATCH,
    // Long enough for every message of a batch to time out once at the relay.
    leaseMs: config.NOTIFICATIONS_SEND_BATCH * config.NOTIFICATIONS_SMTP_TIMEOUT_MS * 3,
    retry: { maxAttempts: config.NOTIFICATIONS_MAX_ATTEMPTS, baseMs: config.NOTIFICATIONS_RETRY_BASE_MS, maxMs: config.NOTIFICATIONS_RETRY_MAX_MS },
  };
}

/**
 * Sends pending deliveries in the background: every interval, and again at once while a round
 * found a full batch. Replicas may run it side by side: claims skip each other's rows.
 */
export function startSender(ctx: NotificationsContext, config: NotificationsConfig, mailer: Mailer): void {
  const settings = sendSettings(config);
  let running: Promise<void> | undefined;
  let stopped = false;
  const round = async () => {
    while (!stopped && (await sendDue(ctx.db, mailer, settings, ctx.log)) === settings.batch);
  };
  const timer = setInterval(() => {
    running ??= round()
      .catch((err) => ctx.log.warn({ err }, 'notification sender round failed'))
      .finally(() => (running = undefined));
  }, config.NOTIFICATIONS_SEND_INTERVAL_MS);
  timer.unref();
  ctx.onClose(async () => {
    stopped = true;
    clearInterval(timer);
    await running;
    await mailer.close();
  });
}
