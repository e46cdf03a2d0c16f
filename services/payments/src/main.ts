import { paymentsEvents } from '@mercato/contracts';
import { defineService } from '@mercato/kit';
import { migrations } from '../migrations/index.ts';
import { intentRoutes } from './api/intents.routes.ts';
import { ledgerRoutes } from './api/ledger.routes.ts';
import { operationRoutes } from './api/operations.routes.ts';
import { webhookRoutes } from './api/webhooks.routes.ts';
import { loadPaymentsConfig } from './config.ts';
import { startRecoverySweeper } from './recovery-sweeper.ts';
import { paymentsOf } from './runtime.ts';
import type { PaymentsTables } from './store/tables.ts';

/** Payments: intents authorized, captured, voided and refunded through a provider, with a double-entry ledger. */
export default defineService<PaymentsTables>({
  name: 'payments',
  description: 'Payment intents authorized, captured, voided and refunded through a payment provider (built-in test provider), provider webhooks, and a double-entry ledger with reconciliation.',
  migrations,
  publishes: paymentsEvents,
  routes(app, ctx) {
    const payments = paymentsOf(ctx, loadPaymentsConfig(ctx.env));
    intentRoutes(app, payments);
    operationRoutes(app, payments);
    webhookRoutes(app, payments);
    ledgerRoutes(app, payments);
  },
  async start(ctx) {
    startRecoverySweeper(paymentsOf(ctx, loadPaymentsConfig(ctx.env)));
  },
});
