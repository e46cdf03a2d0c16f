import { pricingEvents } from '@mercato/contracts';
import { defineService } from '@mercato/kit';
import { migrations } from '../migrations/index.ts';
import { couponRoutes } from './api/coupons.routes.ts';
import { currencyRoutes } from './api/currencies.routes.ts';
import { priceListRoutes } from './api/price-lists.routes.ts';
import { promotionRoutes } from './api/promotions.routes.ts';
import { readYourWrites } from './api/read-your-writes.ts';
import { resolutionRoutes } from './api/resolution.routes.ts';
import { shippingRoutes } from './api/shipping.routes.ts';
import { taxRoutes } from './api/taxes.routes.ts';
import { catalogHandlers } from './events/catalog.handlers.ts';
import { customersHandlers } from './events/customers.handlers.ts';
import { indexSyncFor } from './index/index-sync.ts';
import type { PricingTables } from './store/tables.ts';

/** Pricing: price lists, batch price resolution, taxes, shipping, promotions with coupons, and quotes. */
export default defineService<PricingTables>({
  name: 'pricing',
  description: 'Price lists (base, customer group, B2B contract; tiers, validity, priorities), taxes, shipping, promotions and coupons, and cart quotes.',
  migrations,
  publishes: pricingEvents,
  consumes: [...catalogHandlers, ...customersHandlers],
  routes(app, ctx) {
    readYourWrites(app, indexSyncFor(ctx.db, ctx.log));
    currencyRoutes(app, ctx);
    priceListRoutes(app, ctx);
    resolutionRoutes(app, ctx);
    taxRoutes(app, ctx);
    shippingRoutes(app, ctx);
    promotionRoutes(app, ctx);
    couponRoutes(app, ctx);
  },
  readiness: (ctx) => ({
    'price index': async () => {
      if (!indexSyncFor(ctx.db, ctx.log).loaded) throw new Error('the price index is still loading');
    },
  }),
  async start(ctx) {
    const sync = indexSyncFor(ctx.db, ctx.log);
    ctx.onClose(() => sync.stop());
    await sync.start();
  },
});
