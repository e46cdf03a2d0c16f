import { checkoutEvents } from '@mercato/contracts';
import { defineService, newId } from '@mercato/kit';
import { migrations } from '../migrations/index.ts';
import { checkoutRoutes } from './api/checkouts.routes.ts';
import { loadCheckoutConfig } from './config.ts';
import { Participants } from './saga/participants.ts';
import { startRecovery } from './saga/recovery.ts';
import { SagaRunner } from './saga/runner.ts';
import type { CheckoutContext } from './store/context.ts';
import type { CheckoutTables } from './store/tables.ts';

// One runner per running instance, shared by the routes and the recovery loop.
const runners = new WeakMap<CheckoutContext, SagaRunner>();
function runnerOf(ctx: CheckoutContext): SagaRunner {
  let runner = runners.get(ctx);
  if (!runner) {
    const config = loadCheckoutConfig(ctx.env);
    runner = new SagaRunner(ctx, config, new Participants(ctx, config), newId('run'));
    runners.set(ctx, runner);
  }
  return runner;
}

/** The checkout saga: cart → reserve → price → authorize → place → confirm, compensated on failure, resumed after a crash. */
export default defineService<CheckoutTables>({
  name: 'checkout',
  description: 'The checkout saga: locks the cart, reserves stock, locks prices and coupons, authorizes the payment and places the order; rolls back on failure and resumes after a crash.',
  migrations,
  publishes: checkoutEvents,
  routes(app, ctx) {
    checkoutRoutes(app, ctx, loadCheckoutConfig(ctx.env), runnerOf(ctx));
  },
  async start(ctx) {
    startRecovery(ctx, loadCheckoutConfig(ctx.env), runnerOf(ctx));
  },
});
