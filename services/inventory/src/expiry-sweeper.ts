import type { InventoryContext } from './store/context.ts';
import { expireReservation, lapsedReservationIds } from './store/reservations.store.ts';

const BATCH = 100;

/**
 * Releases expired reservations in the background, so their units come back and their
 * `released` events go out. Replicas may sweep at once: each expiry re-checks under its locks.
 */
export function startExpirySweeper(ctx: InventoryContext, intervalMs: number): void {
  let running: Promise<void> | undefined;
  const sweep = async () => {
    for (;;) {
      const ids = await lapsedReservationIds(ctx.db, BATCH);
      for (const id of ids) await expireReservation(ctx, id);
      if (ids.length < BATCH) return;
    }
  };
  const timer = setInterval(() => {
    running ??= sweep()
      .catch((err) => ctx.log.warn({ err }, 'reservation expiry sweep failed'))
      .finally(() => (running = undefined));
  }, intervalMs);
  timer.unref();
  ctx.onClose(async () => {
    clearInterval(timer);
    await running;
  });
}
