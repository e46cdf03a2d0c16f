import { resolve } from 'node:path';
import { parseConfig, type Env } from '@mercato/kit';
import { Type, type Static } from '@sinclair/typebox';

const NotificationsConfig = Type.Object({
  /** SMTP relay, e.g. smtp://user:pass@mail.example.com:587; unset → messages are written as .eml files. */
  NOTIFICATIONS_SMTP_URL: Type.Optional(Type.String({ pattern: '^smtps?://' })),
  /** Where the file transport writes .eml files (default `${MERCATO_DATA_DIR:-./data}/mail`). */
  NOTIFICATIONS_MAIL_DIR: Type.Optional(Type.String({ minLength: 1 })),
  MERCATO_DATA_DIR: Type.String({ minLength: 1, default: './data' }),
  /** The From header of every message. */
  NOTIFICATIONS_FROM: Type.String({ minLength: 3, default: 'Mercato <orders@mercato.example>' }),
  /** The shop's name in subjects and greetings. */
  NOTIFICATIONS_SHOP_NAME: Type.String({ minLength: 1, default: 'Mercato' }),
  /** BCP 47 locale for money and dates in messages. */
  NOTIFICATIONS_LOCALE: Type.String({ minLength: 2, default: 'en-GB' }),
  /** Attempts per message before it is given up as `failed`. */
  NOTIFICATIONS_MAX_ATTEMPTS: Type.Integer({ minimum: 1, maximum: 50, default: 8 }),
  /** Delay before the first retry; each further retry waits twice as long, in milliseconds. */
  NOTIFICATIONS_RETRY_BASE_MS: Type.Integer({ minimum: 1, default: 30_000 }),
  /** The longest wait between two attempts, in milliseconds. */
  NOTIFICATIONS_RETRY_MAX_MS: Type.Integer({ minimum: 1, default: 6 * 3_600_000 }),
  /** How often the sender looks for due messages, in milliseconds. */
  NOTIFICATIONS_SEND_INTERVAL_MS: Type.Integer({ minimum: 10, default: 1_000 }),
  /** Messages the sender claims per round. */
  NOTIFICATIONS_SEND_BATCH: Type.Integer({ minimum: 1, maximum: 500, default: 20 }),
  /** Connection, greeting and socket timeout toward the SMTP relay, in milliseconds. */
  NOTIFICATIONS_SMTP_TIMEOUT_MS: Type.Integer({ minimum: 100, default: 30_000 }),
});

export type NotificationsConfig = Static<typeof NotificationsConfig> & { mailDir: string };

/** Parses the notifications configuration; fails fast on bad values. */
export function loadNotificationsConfig(env: Env): NotificationsConfig {
  const config = parseConfig(NotificationsConfig, env);
  return { ...config, mailDir: resolve(config.NOTIFICATIONS_MAIL_DIR ?? `${config.MERCATO_DATA_DIR}/mail`) };
}
