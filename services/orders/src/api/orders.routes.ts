import { etag, fieldProblem, kitErrors, type ServiceApp } from '@mercato/kit';
import type { OrdersConfig } from '../config.ts';
import { actorOf, ORDER_PLACERS, ORDER_READERS } from '../domain/access.ts';
import { boardOrders, customerOrders } from '../projections/lists.ts';
import type { OrdersContext } from '../store/context.ts';
import { orderView } from '../projections/view.ts';
import { placeOrder } from '../usecases/place-order.ts';
import { orderHistory, readOrder } from '../usecases/read-order.ts';
import { BoardPage, BoardQuery, HistoryView, MyOrdersPage, MyOrdersQuery, OrderParams, OrderQuery, OrderView, PlaceOrderInput } from './schemas.ts';

const tags = ['orders'];

/** Placing orders (the checkout) and reading them (customers their own, staff all). */
export function orderRoutes(app: ServiceApp, ctx: OrdersContext, config: OrdersConfig): void {
  app.post(
    '/api/orders/orders',
    {
      config: { access: ORDER_PLACERS },
      schema: {
        tags,
        summary: 'Place an order (the checkout, once the payment is authorized)',
        description: 'Starts the order’s stream with OrderPlaced and PaymentAuthorized. Idempotent by id: the same id again answers 200 with the existing order. `payment.amount` (what was authorized) must be `totals.grandTotal`.',
        body: PlaceOrderInput,
        response: { 200: OrderView, 201: OrderView },
      },
    },
    async (request, reply) => {
      const { order, created } = await placeOrder(ctx, config, request.body, actorOf(request.principal, request.callerService));
      return reply
        .code(created ? 201 : 200)
        .header('location', `/api/orders/orders/${order.id}`)
        .header('etag', etag(order.version))
        .send(orderView(order));
    },
  );

  app.get(
    '/api/orders/me/orders',
    { config: { access: 'authenticated' }, schema: { tags, summary: 'Your orders, newest first', querystring: MyOrdersQuery, response: { 200: MyOrdersPage } } },
    async (request) => {
      const principal = request.principal!;
      if (principal.machine) return { items: [], nextCursor: null };
      return customerOrders(await ctx.reader.db({ request }), principal.sub, request.query.limit, request.query.cursor);
    },
  );

  app.get(
    '/api/orders/orders',
    {
      config: { access: ORDER_READERS },
      schema: {
        tags,
        summary: 'The staff order board: every order, filtered, newest first',
        description: 'Filters combine: status, paymentStatus, placed between from (inclusive) and to (exclusive), accountId, grand total between minTotal and maxTotal (minor units).',
        querystring: BoardQuery,
        response: { 200: BoardPage },
      },
    },
    async (request) => {
      const { cursor, limit, ...filter } = request.query;
      if (filter.minTotal !== undefined && filter.maxTotal !== undefined && filter.minTotal > filter.maxTotal) {
        throw fieldProblem(kitErrors.validationFailed, [{ pointer: 'querystring/minTotal', detail: 'minTotal is greater than maxTotal' }]);
      }
      return boardOrders(await ctx.reader.db({ request }), filter, limit, cursor);
    },
  );

  app.get(
    '/api/orders/orders/:id',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'An order (its owner or staff); with asOf, as it was at that time',
        description: 'Another customer’s order is a 404. Staff also see the notes. `asOf` folds the events up to that instant (e.g. the billing address of three months ago); 404 if the order did not exist yet.',
        params: OrderParams,
        querystring: OrderQuery,
        response: { 200: OrderView },
      },
    },
    async (request, reply) => {
      const asOf = request.query.asOf ? new Date(request.query.asOf) : undefined;
      const order = await readOrder(ctx.db, request.params.id, request.principal, asOf);
      return reply.header('etag', etag(order.version)).send(order);
    },
  );

  app.get(
    '/api/orders/orders/:id/history',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: 'An order’s events, oldest first (its owner or staff; notes and actors for staff only)', params: OrderParams, response: { 200: HistoryView } },
    },
    async (request) => ({ items: await orderHistory(ctx.db, request.params.id, request.principal) }),
  );
}
