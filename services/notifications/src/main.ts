import { defineService } from '@mercato/kit';
import { migrations } from '../migrations/index.ts';
import { deliveryRoutes } from './api/deliveries.routes.ts';
import { preferencesRoutes } from './api/preferences.routes.ts';
import { loadNotificationsConfig, type NotificationsConfig } from './config.ts';
import { ordersHandlers } from './events/orders.handlers.ts';
import { createMailer } from './mail/create-mailer.ts';
import type { Mailer } from './mail/mailer.ts';
import { startSender } from './mail/sender-loop.ts';
import type { NotificationsTables } from './store/tables.ts';

/** How the service reaches recipients; tests replace the transport behind the same interface. */
export interface NotificationsOptions {
  mailer?: (config: NotificationsConfig) => Mailer;
}

/** The notifications service with a chosen mail transport (default: SMTP if configured, else .eml files). */
export function notificationsService(options: NotificationsOptions = {}) {
  return defineService<NotificationsTables>({
    name: 'notifications',
    description: 'Order emails (confirmation, shipment, refund, cancellation) from order events, through SMTP or .eml files; customer preferences and a delivery log with retries.',
    migrations,
    consumes: ordersHandlers,
    routes(app, ctx) {
      deliveryRoutes(app, ctx, loadNotificationsConfig(ctx.env));
      preferencesRoutes(app, ctx);
    },
    async start(ctx) {
      const config = loadNotificationsConfig(ctx.env);
      const mailer = (options.mailer ?? createMailer)(config);
      ctx.log.info({ transport: mailer.transport, ...(mailer.transport === 'file' ? { dir: config.mailDir } : {}) }, 'notifications mail transport');
      startSender(ctx, config, mailer);
    },
  });
}

export default notificationsService();
