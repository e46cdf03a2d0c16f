import { parseConfig, type Env } from '@mercato/kit';
import { Type, type Static } from '@sinclair/typebox';
import { STEPS, COMPENSATIONS } from './domain/steps.ts';

const StepName = Type.Union([...STEPS, ...COMPENSATIONS].map((s) => Type.Literal(s)));

const CheckoutConfig = Type.Object({
  /** The longest one call to another service may take, in milliseconds. */
  CHECKOUT_STEP_TIMEOUT_MS: Type.Integer({ minimum: 50, default: 5_000 }),
  /** How long a checkout may take before it is rolled back (while it has not placed the order), in milliseconds. */
  CHECKOUT_DEADLINE_MS: Type.Integer({ minimum: 100, default: 30_000 }),
  /** How long an instance holds a saga without writing to it; then the recovery loop may take it over. */
  CHECKOUT_LEASE_MS: Type.Integer({ minimum: 100, default: 20_000 }),
  /** How often the recovery loop looks for sagas whose lease ran out, in milliseconds. */
  CHECKOUT_RECOVERY_MS: Type.Integer({ minimum: 20, default: 3_000 }),
  /** How often a pending payment is asked for its outcome, in milliseconds. */
  CHECKOUT_POLL_MS: Type.Integer({ minimum: 10, default: 200 }),
  /** How long the stock reservation lasts, in seconds (it outlives the deadline by far). */
  CHECKOUT_RESERVATION_TTL_S: Type.Integer({ minimum: 60, default: 1_800 }),
  /** Fault injection for crash tests: the process is SIGKILLed right after this step's state is committed. */
  CHECKOUT_CRASH_AFTER: Type.Optional(StepName),
  /** `kill` (default) or `abandon`: the instance only stops driving the saga and leaves its lease to run out. */
  CHECKOUT_CRASH_MODE: Type.Union([Type.Literal('kill'), Type.Literal('abandon')], { default: 'kill' }),
});

export type CheckoutConfig = Static<typeof CheckoutConfig>;

/**
 * Parses the checkout configuration; fails fast on bad values. The lease must outlast one call so
 * that no other instance resumes a saga mid-call (twice the step timeout is safer: the client sends
 * a call again after a 5xx); correctness does not depend on it, every call being idempotent.
 */
export function loadCheckoutConfig(env: Env): CheckoutConfig {
  const config = parseConfig(CheckoutConfig, env);
  if (config.CHECKOUT_LEASE_MS <= config.CHECKOUT_STEP_TIMEOUT_MS) {
    throw new Error(`CHECKOUT_LEASE_MS (${config.CHECKOUT_LEASE_MS}) must be longer than CHECKOUT_STEP_TIMEOUT_MS (${config.CHECKOUT_STEP_TIMEOUT_MS})`);
  }
  return config;
}
