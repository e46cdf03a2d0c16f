import { etag, expectedVersion, type ServiceApp } from '@mercato/kit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { OrdersConfig } from '../config.ts';
import { actorOf, ORDER_STAFF } from '../domain/access.ts';
import type { Order } from '../domain/order.ts';
import { OrderPayments, refundKey } from '../payments/payments.ts';
import { orderView } from '../projections/view.ts';
import type { OrdersContext } from '../store/context.ts';
import { cancelOrder, changeOrder, refundOrder, shipOrder, type CommandCaller } from '../usecases/change-order.ts';
import { AddressesInput, CancelInput, NoteInput, OrderHeaders, OrderParams, OrderView, RefundInput, ShipInput } from './schemas.ts';

const tags = ['order commands'];
const NOTE =
  'A command the order’s state does not allow is a 409 `invalid-transition` naming the current status. Optional `If-Match` (the order’s ETag) makes it conditional (412 when the order changed); without it, losing a race to another command is a 409 `order-version-conflict`.';

/** Staff commands on an order: each appends events to its stream and answers the new order. */
export function orderCommandRoutes(app: ServiceApp, ctx: OrdersContext, config: OrdersConfig): void {
  const payments = new OrderPayments(ctx.client('payments'));
  const caller = (request: FastifyRequest): CommandCaller => ({
    actor: actorOf(request.principal, request.callerService),
    ifMatch: expectedVersion(request.headers['if-match'] as string | undefined, false),
  });
  const answer = (reply: FastifyReply, order: Order) => reply.header('etag', etag(order.version)).send(orderView(order));
  const schema = (summary: string, extra: Record<string, unknown> = {}) => ({ tags, summary, description: NOTE, params: OrderParams, headers: OrderHeaders, response: { 200: OrderView }, ...extra });
  const access = { access: ORDER_STAFF };

  for (const [path, type, summary] of [
    ['approve', 'approve', 'Approve a placed order'],
    ['prepare', 'prepare', 'Mark an approved order prepared (packed)'],
    ['deliver', 'deliver', 'Mark a shipped order delivered'],
  ] as const) {
    app.post(`/api/orders/orders/:id/${path}`, { config: access, schema: schema(summary) }, async (request, reply) =>
      answer(reply, await changeOrder(ctx, config, (request.params as { id: string }).id, caller(request), { type })),
    );
  }

  app.post(
    '/api/orders/orders/:id/ship',
    {
      config: access,
      schema: schema('Ship a prepared order: captures the payment, then records OrderShipped and OrderPaid', {
        description: `${NOTE} A capture the payment provider refuses is a 402 \`payment-not-captured\` and the order stays prepared.`,
        body: ShipInput,
      }),
    },
    async (request, reply) => {
      const { carrier, trackingNumber, trackingUrl } = request.body as { carrier: string; trackingNumber: string; trackingUrl?: string };
      return answer(reply, await shipOrder(ctx, config, payments, (request.params as { id: string }).id, caller(request), { carrier, trackingNumber, trackingUrl: trackingUrl ?? null }));
    },
  );

  app.post(
    '/api/orders/orders/:id/cancel',
    { config: access, schema: schema('Cancel an order before shipment: voids the authorization (refunds a capture), then records OrderCancelled', { body: CancelInput }) },
    async (request, reply) => answer(reply, await cancelOrder(ctx, config, payments, (request.params as { id: string }).id, caller(request), (request.body as { reason: string }).reason)),
  );

  app.post(
    '/api/orders/orders/:id/refunds',
    {
      config: { ...access, idempotent: true },
      schema: schema('Refund part or all of the captured amount', {
        description: `${NOTE} The refund toward payments carries an Idempotency-Key derived from the order and its version: retrying the same refund never refunds twice. More than is left to refund is a 409 \`invalid-transition\`.`,
        body: RefundInput,
      }),
    },
    async (request, reply) => {
      const { amount, reason } = request.body as { amount: number; reason: string };
      const id = (request.params as { id: string }).id;
      return answer(reply, await refundOrder(ctx, config, payments, id, caller(request), amount, reason, (order) => refundKey(order.id, order.version)));
    },
  );

  app.post(
    '/api/orders/orders/:id/notes',
    { config: access, schema: schema('Add a staff note', { body: NoteInput }) },
    async (request, reply) => {
      const call = caller(request);
      return answer(reply, await changeOrder(ctx, config, (request.params as { id: string }).id, call, { type: 'addNote', text: (request.body as { text: string }).text, author: call.actor }));
    },
  );

  app.put(
    '/api/orders/orders/:id/addresses',
    { config: access, schema: schema('Change the shipping address (before shipment) and/or the billing address', { body: AddressesInput }) },
    async (request, reply) => {
      const body = request.body as { shippingAddress?: Order['shippingAddress']; billingAddress?: Order['billingAddress'] };
      return answer(reply, await changeOrder(ctx, config, (request.params as { id: string }).id, caller(request), { type: 'changeAddresses', ...body }));
    },
  );
}
