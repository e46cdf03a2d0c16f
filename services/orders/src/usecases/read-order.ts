import { problem, type Principal } from '@mercato/kit';
import { isOrderStaff, mayRead } from '../domain/access.ts';
import { fold } from '../domain/evolve.ts';
import { ordersErrors } from '../errors.ts';
import { orderDetail } from '../projections/lists.ts';
import { notesOf, orderView, type Note, type OrderView } from '../projections/view.ts';
import type { Db } from '../store/context.ts';
import { readStream } from '../store/event-store.ts';

const notFound = (id: string) => problem(ordersErrors.orderNotFound, `No order ${id}`);

/** An order with its notes (staff only): from the detail read model, or folded as it was at `asOf`. */
export async function readOrder(db: Db, id: string, principal: Principal | null, asOf?: Date): Promise<OrderView & { notes?: Note[] }> {
  const staff = isOrderStaff(principal);
  if (asOf) {
    const events = await readStream(db, id, asOf);
    const order = fold(null, events);
    if (!order || !mayRead(principal, order.accountId)) throw notFound(id);
    return { ...orderView(order), ...(staff ? { notes: notesOf(events) } : {}) };
  }
  const row = await orderDetail(db, id);
  if (!row || !mayRead(principal, row.account_id)) throw notFound(id);
  return { ...(row.data as OrderView), ...(staff ? { notes: row.notes as Note[] } : {}) };
}

/** An order's events, oldest first; customers see their own order's, without staff notes. */
export async function orderHistory(db: Db, id: string, principal: Principal | null) {
  const events = await readStream(db, id);
  const placed = events[0];
  if (!placed || placed.type !== 'OrderPlaced' || !mayRead(principal, placed.data.accountId)) throw notFound(id);
  const staff = isOrderStaff(principal);
  return events
    .filter((e) => staff || e.type !== 'NoteAdded')
    .map((e) => ({ version: e.version, type: e.type, data: e.data, occurredAt: e.occurredAt, actor: staff ? e.actor : null }));
}
