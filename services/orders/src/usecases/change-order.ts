import { problem, staleVersion } from '@mercato/kit';
import type { OrdersConfig } from '../config.ts';
import { assertAllowed, decide, type Command, type Intent } from '../domain/decide.ts';
import type { Order } from '../domain/order.ts';
import { ordersErrors } from '../errors.ts';
import type { OrderPayments } from '../payments/payments.ts';
import type { OrdersContext } from '../store/context.ts';
import { loadOrder, StreamVersionConflict } from '../store/event-store.ts';
import { commit, conflictProblem } from './commit.ts';

/** Who asks, and the version they based the command on (If-Match), if any. */
export interface CommandCaller {
  actor: string;
  ifMatch: number | undefined;
}

/** How often an append after a payment call is retried against a fresher stream. */
const AFTER_PAYMENT_ATTEMPTS = 5;

async function current(ctx: OrdersContext, id: string, ifMatch: number | undefined): Promise<Order> {
  const order = await loadOrder(ctx.db, id);
  if (!order) throw problem(ordersErrors.orderNotFound, `No order ${id}`);
  if (ifMatch !== undefined && order.version !== ifMatch) throw staleVersion('order');
  return order;
}

/**
 * A command that moves no money: load (snapshot + later events), decide, append at the loaded
 * version. Losing the race to another writer is a 409 (412 with If-Match); nothing is retried.
 */
export async function changeOrder(ctx: OrdersContext, config: OrdersConfig, id: string, caller: CommandCaller, command: Command): Promise<Order> {
  const order = await current(ctx, id, caller.ifMatch);
  const events = decide(order, command);
  try {
    return await commit(ctx, config, id, order, events, caller.actor);
  } catch (error) {
    if (error instanceof StreamVersionConflict) throw conflictProblem(error, caller.ifMatch);
    throw error;
  }
}

/**
 * A command whose money moves first (capture, void, refund): the state machine is checked, the
 * payment call made, then the events appended. Once money has moved the fact must be recorded, so a
 * lost append is decided again on the fresher stream (the payment call is not repeated); `already`
 * recognizes a stream where a concurrent retry recorded the same fact.
 */
async function withPayment(
  ctx: OrdersContext,
  config: OrdersConfig,
  id: string,
  caller: CommandCaller,
  intent: Intent,
  pay: (order: Order) => Promise<Command>,
  already: (order: Order, command: Command) => boolean = () => false,
): Promise<Order> {
  let order = await current(ctx, id, caller.ifMatch);
  assertAllowed(order, intent);
  const command = await pay(order);
  for (let attempt = 1; ; attempt++) {
    if (already(order, command)) return order;
    try {
      return await commit(ctx, config, id, order, decide(order, command), caller.actor);
    } catch (error) {
      if (!(error instanceof StreamVersionConflict) || attempt >= AFTER_PAYMENT_ATTEMPTS) throw error;
      order = (await loadOrder(ctx.db, id))!;
    }
  }
}

/** Ships a prepared order: captures the payment, then records OrderShipped and OrderPaid. */
export function shipOrder(ctx: OrdersContext, config: OrdersConfig, payments: OrderPayments, id: string, caller: CommandCaller, tracking: { carrier: string; trackingNumber: string; trackingUrl: string | null }) {
  return withPayment(
    ctx,
    config,
    id,
    caller,
    { type: 'ship' },
    async (order) => ({ type: 'ship', tracking, capturedAmount: await payments.capture(order.id, order.payment.intentId!, order.payment.authorizedAmount) }),
    (order) => order.status === 'shipped' || order.status === 'delivered',
  );
}

/** Cancels an order before shipment: voids the authorization (or refunds a capture), then records OrderCancelled. */
export function cancelOrder(ctx: OrdersContext, config: OrdersConfig, payments: OrderPayments, id: string, caller: CommandCaller, reason: string) {
  return withPayment(
    ctx,
    config,
    id,
    caller,
    { type: 'cancel' },
    async (order) => ({ type: 'cancel', reason, ...(await payments.release(order.id, order.payment.intentId!, order.version)) }),
    (order) => order.status === 'cancelled',
  );
}

/**
 * Refunds part or all of the captured amount. The refund's Idempotency-Key is derived from the
 * order and the version the refund was decided on: a retry of the same request (the order still at
 * that version) replays the refund at payments instead of refunding again.
 */
export function refundOrder(ctx: OrdersContext, config: OrdersConfig, payments: OrderPayments, id: string, caller: CommandCaller, amount: number, reason: string, key: (order: Order) => string) {
  return withPayment(
    ctx,
    config,
    id,
    caller,
    { type: 'refund', amount },
    async (order) => {
      const refund = await payments.refund(order.payment.intentId!, amount, reason, key(order));
      return { type: 'refund', amount: refund.amount, reason, refundId: refund.id };
    },
    (order, command) => command.type === 'refund' && order.refunds.some((r) => r.id === command.refundId),
  );
}
