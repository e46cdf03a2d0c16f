import { problem, staleVersion } from '@mercato/kit';
import type { OrdersConfig } from '../config.ts';
import type { OrderEvent } from '../domain/events.ts';
import { fold } from '../domain/evolve.ts';
import type { Order } from '../domain/order.ts';
import { ordersErrors } from '../errors.ts';
import { publishOrderEvents } from '../events/order-events.ts';
import { LIVE, projectOrder } from '../projections/read-models.ts';
import { notesOf } from '../projections/view.ts';
import type { OrdersContext } from '../store/context.ts';
import { appendEvents, snapshotIfDue, StreamVersionConflict } from '../store/event-store.ts';

/**
 * Appends a decision's events to the order's stream at the version it was decided on, and, in the
 * same transaction, projects the read models, writes a snapshot when one is due and publishes the
 * public events. Nothing of it exists unless all of it commits.
 */
export async function commit(ctx: OrdersContext, config: OrdersConfig, id: string, before: Order | null, events: OrderEvent[], actor: string): Promise<Order> {
  const expected = before?.version ?? 0;
  return ctx.db.transaction().execute(async (tx) => {
    const recorded = await appendEvents(tx, id, expected, events, actor, new Date());
    const after = fold(before, recorded)!;
    await projectOrder(tx, LIVE, after, notesOf(recorded));
    await snapshotIfDue(tx, expected, after, config.ORDERS_SNAPSHOT_EVERY);
    await publishOrderEvents(ctx, tx, before, recorded);
    return after;
  });
}

/** The answer to a lost append: 412 when the caller named a version (If-Match), else 409. */
export function conflictProblem(error: StreamVersionConflict, ifMatch: number | undefined) {
  if (ifMatch !== undefined) return staleVersion('order');
  return problem(ordersErrors.orderVersionConflict, `Order ${error.orderId} changed after version ${error.expected}`);
}
