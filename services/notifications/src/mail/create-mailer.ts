import type { NotificationsConfig } from '../config.ts';
import { fileMailer } from './file-mailer.ts';
import type { Mailer } from './mailer.ts';
import { smtpMailer } from './smtp-mailer.ts';

/** SMTP when a relay is configured, otherwise .eml files in the mail directory. */
export function createMailer(config: NotificationsConfig): Mailer {
  if (config.NOTIFICATIONS_SMTP_URL) return smtpMailer(config.NOTIFICATIONS_SMTP_URL, config.NOTIFICATIONS_SMTP_TIMEOUT_MS);
  return fileMailer(config.mailDir);
}
