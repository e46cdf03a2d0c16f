import type { CheckoutConfig } from '../config.ts';
import { claimAbandoned } from '../store/checkouts.store.ts';
import type { CheckoutContext } from '../store/context.ts';
import type { SagaRunner } from './runner.ts';

/** Sagas taken over per round. */
const BATCH = 10;

/**
 * Resumes unfinished sagas whose lease ran out — their instance crashed, was stopped, or gave up
 * after transient failures — at start and then every CHECKOUT_RECOVERY_MS. Replicas share the work:
 * claiming uses FOR UPDATE SKIP LOCKED and moves the lease to the claiming instance.
 */
export function startRecovery(ctx: CheckoutContext, config: CheckoutConfig, runner: SagaRunner): void {
  let round: Promise<void> | undefined;
  let stopped = false;
  const recover = async () => {
    const ids = await claimAbandoned(ctx.db, runner.instanceId, config.CHECKOUT_LEASE_MS, BATCH);
    if (ids.length > 0) ctx.log.info({ checkouts: ids }, 'resuming abandoned checkouts');
    // Not awaited: a saga waiting for a pending payment must not hold up the others (each renews its own lease).
    for (const id of ids) runner.drive(id).catch((err) => ctx.log.error({ err, checkoutId: id }, 'resuming a checkout failed'));
  };
  const tick = () => {
    if (stopped) return;
    round ??= recover()
      .catch((err) => ctx.log.warn({ err }, 'checkout recovery round failed'))
      .finally(() => (round = undefined));
  };
  tick();
  const timer = setInterval(tick, config.CHECKOUT_RECOVERY_MS);
  timer.unref();
  ctx.onClose(async () => {
    stopped = true;
    clearInterval(timer);
    await runner.stop();
    await round;
  });
}
