import { defineService } from '@mercato/kit';
import { migrations } from '../migrations/index.ts';
import { cartRoutes } from './api/carts.routes.ts';
import { cartChangeRoutes } from './api/changes.routes.ts';
import { checkoutRoutes } from './api/checkout.routes.ts';
import { loadCartConfig } from './config.ts';
import { pricingHandlers } from './events/pricing.handlers.ts';
import { startExpirySweeper } from './expiry-sweeper.ts';
import type { CartTables } from './store/tables.ts';

/** Carts: guest and customer carts priced by pricing's quote, coupons, merge at login, expiry. */
export default defineService<CartTables>({
  name: 'cart',
  description: 'Guest and customer carts: lines, coupons and shipping destination, priced by the pricing service’s quote; merge at login; expiry.',
  migrations,
  consumes: pricingHandlers,
  routes(app, ctx) {
    const config = loadCartConfig(ctx.env);
    cartRoutes(app, ctx, config);
    cartChangeRoutes(app, ctx, config);
    checkoutRoutes(app, ctx, config);
  },
  async start(ctx) {
    startExpirySweeper(ctx, loadCartConfig(ctx.env));
  },
});
