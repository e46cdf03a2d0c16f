import type { PaymentsConfig } from './config.ts';
import type { PaymentProvider } from './provider/provider.ts';
import { TestPaymentProvider } from './provider/test-provider.ts';
import type { PaymentsContext } from './store/context.ts';
import { receiveWebhook } from './usecases/receive-webhook.ts';

/** What the use cases work with: the service context, its configuration and the payment provider. */
export interface Payments {
  ctx: PaymentsContext;
  config: PaymentsConfig;
  provider: PaymentProvider;
}

const running = new WeakMap<PaymentsContext, Payments>();

/**
 * The payments of one running service (one per context, so several instances in one process keep
 * their own sandbox provider). The test provider delivers its webhooks to the same handler the
 * webhook route uses, signature check included.
 */
export function paymentsOf(ctx: PaymentsContext, config: PaymentsConfig): Payments {
  const existing = running.get(ctx);
  if (existing) return existing;
  const provider = new TestPaymentProvider({
    webhookSecret: config.PAYMENTS_WEBHOOK_SECRET,
    webhookToleranceSeconds: config.PAYMENTS_WEBHOOK_TOLERANCE_S,
    timeoutSleepMs: config.PAYMENTS_TEST_TIMEOUT_SLEEP_MS ?? 3 * config.PAYMENTS_PROVIDER_TIMEOUT_MS,
    webhookDelayMs: config.PAYMENTS_TEST_WEBHOOK_DELAY_MS,
    deliver: async (rawBody, headers) => {
      await receiveWebhook(payments, rawBody, headers);
    },
  });
  const payments: Payments = { ctx, config, provider };
  ctx.onClose(() => provider.close());
  running.set(ctx, payments);
  return payments;
}
