import { fieldProblem, kitErrors } from '@mercato/kit';
import type { OrdersConfig } from '../config.ts';
import { decide } from '../domain/decide.ts';
import type { Placement } from '../domain/events.ts';
import type { Order } from '../domain/order.ts';
import { orderNumber } from '../domain/summary.ts';
import type { OrdersContext } from '../store/context.ts';
import { loadOrder, nextOrderNumber, StreamVersionConflict } from '../store/event-store.ts';
import { commit } from './commit.ts';

export type PlaceOrderInput = Omit<Placement, 'number'> & { payment: { intentId: string; amount: number } };

/**
 * Places an order with the id the checkout chose: OrderPlaced and PaymentAuthorized start its
 * stream. Idempotent by id: the same id again (a retried saga step) answers the existing order,
 * also when two placements race (the loser of the append reads the winner's order).
 */
export async function placeOrder(ctx: OrdersContext, config: OrdersConfig, input: PlaceOrderInput, actor: string): Promise<{ order: Order; created: boolean }> {
  const existing = await loadOrder(ctx.db, input.id);
  if (existing) return { order: existing, created: false };
  if (input.payment.amount !== input.totals.grandTotal) {
    throw fieldProblem(kitErrors.validationFailed, [{ pointer: 'body/payment/amount', detail: `the authorized ${input.payment.amount} is not the grand total ${input.totals.grandTotal}` }]);
  }
  const { payment, ...rest } = input;
  const placement: Placement = { ...rest, number: orderNumber(await nextOrderNumber(ctx.db)) };
  try {
    return { order: await commit(ctx, config, input.id, null, decide(null, { type: 'place', placement, payment }), actor), created: true };
  } catch (error) {
    if (!(error instanceof StreamVersionConflict)) throw error;
    return { order: (await loadOrder(ctx.db, input.id))!, created: false };
  }
}
