import type { Payments } from './runtime.ts';
import { recoverUnfinished } from './usecases/recover.ts';

/** Finishes provider work left unfinished (see usecases/recover.ts), in the background. */
export function startRecoverySweeper(payments: Payments): void {
  const { ctx, config } = payments;
  let running: Promise<void> | undefined;
  const timer = setInterval(() => {
    running ??= recoverUnfinished(payments)
      .then(() => undefined)
      .catch((err) => ctx.log.warn({ err }, 'payments recovery sweep failed'))
      .finally(() => (running = undefined));
  }, config.PAYMENTS_RECOVERY_SWEEP_MS);
  timer.unref();
  ctx.onClose(async () => {
    clearInterval(timer);
    await running;
  });
}
