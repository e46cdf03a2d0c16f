import { parseConfig, type Env } from '@mercato/kit';
import { Type, type Static } from '@sinclair/typebox';

const PaymentsConfig = Type.Object({
  /** How long a provider call may take before it counts as timed out, in milliseconds. */
  PAYMENTS_PROVIDER_TIMEOUT_MS: Type.Integer({ minimum: 10, default: 2_000 }),
  /** The secret provider webhooks are signed with (HMAC-SHA256). */
  PAYMENTS_WEBHOOK_SECRET: Type.String({ minLength: 16, default: 'mercato-test-webhook-secret' }),
  /** How old a webhook signature's timestamp may be, in seconds. */
  PAYMENTS_WEBHOOK_TOLERANCE_S: Type.Integer({ minimum: 1, default: 300 }),
  /** Test provider: how long the timeout card keeps the caller waiting; default three times the provider timeout. */
  PAYMENTS_TEST_TIMEOUT_SLEEP_MS: Type.Optional(Type.Integer({ minimum: 0 })),
  /** Test provider: how long after authorizing the pending card the approving webhook is sent. */
  PAYMENTS_TEST_WEBHOOK_DELAY_MS: Type.Integer({ minimum: 0, default: 200 }),
  /** How often unfinished provider operations (after a crash or a lost answer) are driven to their end. */
  PAYMENTS_RECOVERY_SWEEP_MS: Type.Integer({ minimum: 50, default: 5_000 }),
});

export type PaymentsConfig = Static<typeof PaymentsConfig>;

/** Parses the payments configuration; fails fast on bad values. */
export function loadPaymentsConfig(env: Env): PaymentsConfig {
  return parseConfig(PaymentsConfig, env);
}
