import type { CartConfig } from './config.ts';
import { expireInactiveCarts, purgeClosedCarts } from './store/carts.store.ts';
import type { CartContext } from './store/context.ts';

/** Closed carts (merged, expired) are kept this long, then deleted. */
const KEEP_CLOSED_DAYS = 30;

/**
 * Expires inactive carts in the background (reads already treat a cart past its expiry as gone) and
 * deletes long-closed ones. Replicas may sweep at once: each statement is a single conditional update.
 */
export function startExpirySweeper(ctx: CartContext, config: CartConfig): void {
  let running: Promise<void> | undefined;
  const sweep = async () => {
    const expired = await expireInactiveCarts(ctx.db, config.CART_GUEST_TTL_DAYS, config.CART_CUSTOMER_TTL_DAYS);
    const purged = await purgeClosedCarts(ctx.db, KEEP_CLOSED_DAYS);
    if (expired + purged > 0) ctx.log.info({ expired, purged }, 'cart expiry sweep');
  };
  const timer = setInterval(() => {
    running ??= sweep()
      .catch((err) => ctx.log.warn({ err }, 'cart expiry sweep failed'))
      .finally(() => (running = undefined));
  }, config.CART_EXPIRY_SWEEP_MS);
  timer.unref();
  ctx.onClose(async () => {
    clearInterval(timer);
    await running;
  });
}
