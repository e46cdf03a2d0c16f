import { ordersEvents } from '@mercato/contracts';
import { defineService } from '@mercato/kit';
import { migrations } from '../migrations/index.ts';
import { orderCommandRoutes } from './api/commands.routes.ts';
import { orderRoutes } from './api/orders.routes.ts';
import { readModelRoutes } from './api/read-models.routes.ts';
import { loadOrdersConfig } from './config.ts';
import type { OrdersTables } from './store/tables.ts';

/** Orders (OMS): the event-sourced order aggregate, its read models and the staff's commands. */
export default defineService<OrdersTables>({
  name: 'orders',
  description: 'Event-sourced orders: placed by the checkout, worked by staff (approve, prepare, ship with capture, deliver, cancel, refund), read through projected read models and as of any past time.',
  migrations,
  publishes: ordersEvents,
  routes(app, ctx) {
    const config = loadOrdersConfig(ctx.env);
    orderRoutes(app, ctx, config);
    orderCommandRoutes(app, ctx, config);
    readModelRoutes(app, ctx);
  },
});
