import { problem, type ServiceApp } from '@mercato/kit';
import type { NotificationsConfig } from '../config.ts';
import { accountOf, DELIVERY_READERS, DELIVERY_WRITERS } from '../domain/access.ts';
import { maskRecipientQuery } from '../domain/mask.ts';
import { notificationsErrors } from '../errors.ts';
import { composeMessage } from '../mail/compose.ts';
import type { NotificationsContext } from '../store/context.ts';
import { findDelivery, listDeliveries, retryFailed, sentMessage } from '../store/deliveries.store.ts';
import { Delivery, DeliveryPage, DeliveryQuery, IdParams, OwnDeliveryPage, OwnDeliveryQuery } from './schemas.ts';
import { deliveryView, ownDeliveryView } from './view.ts';

const tags = ['deliveries'];

/** The delivery log: staff search it and read the messages; a customer sees their own deliveries. */
export function deliveryRoutes(app: ServiceApp, ctx: NotificationsContext, config: NotificationsConfig): void {
  const notFound = (id: string) => problem(notificationsErrors.deliveryNotFound, `No delivery ${id}`);

  app.get(
    '/api/notifications/deliveries',
    {
      config: { access: DELIVERY_READERS },
      schema: { tags, summary: 'Search the delivery log, newest first', querystring: DeliveryQuery, response: { 200: DeliveryPage } },
      // The request log shows the URL: a recipient filter must not put an address there. The query
      // is already parsed when this runs, so only the logged URL changes.
      onRequest: async (request) => {
        request.raw.url = maskRecipientQuery(request.raw.url ?? '');
      },
    },
    async (request) => {
      const page = await listDeliveries(ctx.db, request.query);
      return { items: page.items.map(deliveryView), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/api/notifications/me/deliveries',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: 'Emails sent (or due) to you about your orders, newest first', querystring: OwnDeliveryQuery, response: { 200: OwnDeliveryPage } },
    },
    async (request) => {
      const page = await listDeliveries(ctx.db, { ...request.query, accountId: accountOf(request.principal) });
      return { items: page.items.map(ownDeliveryView), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/api/notifications/deliveries/:id',
    { config: { access: DELIVERY_READERS }, schema: { tags, summary: 'A delivery', params: IdParams, response: { 200: Delivery } } },
    async (request) => {
      const delivery = await findDelivery(ctx.db, request.params.id);
      if (!delivery) throw notFound(request.params.id);
      return deliveryView(delivery);
    },
  );

  app.get(
    '/api/notifications/deliveries/:id/message',
    {
      config: { access: DELIVERY_READERS },
      schema: {
        tags,
        summary: 'The message as RFC 822 (message/rfc822)',
        description: 'A sent message exactly as it was sent; for a pending, failed or skipped delivery, the message as it would be sent now.',
        params: IdParams,
      },
    },
    async (request, reply) => {
      const delivery = await findDelivery(ctx.db, request.params.id);
      if (!delivery) throw notFound(request.params.id);
      const raw = (await sentMessage(ctx.db, delivery.id)) ?? (await composeMessage(delivery, config.NOTIFICATIONS_FROM)).raw;
      return reply
        .header('content-type', 'message/rfc822')
        .header('content-disposition', `attachment; filename="${delivery.id}.eml"`)
        .send(raw);
    },
  );

  app.post(
    '/api/notifications/deliveries/:id/retry',
    {
      config: { access: DELIVERY_WRITERS },
      schema: {
        tags,
        summary: 'Send a failed delivery again (e.g. after the relay was fixed)',
        description: 'The delivery becomes `pending` with its attempts reset; the sender picks it up at once. 409 `delivery-not-failed` for any other status.',
        params: IdParams,
        response: { 200: Delivery },
      },
    },
    async (request) => {
      const retried = await retryFailed(ctx.db, request.params.id);
      if (retried) return deliveryView(retried);
      const delivery = await findDelivery(ctx.db, request.params.id);
      if (!delivery) throw notFound(request.params.id);
      throw problem(notificationsErrors.deliveryNotFailed, `Delivery ${delivery.id} is ${delivery.status}`, { deliveryStatus: delivery.status });
    },
  );
}
