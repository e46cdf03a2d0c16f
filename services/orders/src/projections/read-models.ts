import { sql } from 'kysely';
import type { Order } from '../domain/order.ts';
import type { Tx } from '../store/context.ts';
import { orderView, type Note } from './view.ts';

/** The tables one generation of the read models lives in. */
export interface ReadModelTables {
  detail: string;
  customerList: string;
  board: string;
}

/** The read models the API serves from. */
export const LIVE: ReadModelTables = { detail: 'order_detail', customerList: 'order_customer_list', board: 'order_board' };

const itemCount = (order: Order) => order.lines.reduce((n, l) => n + l.quantity, 0);

/**
 * Brings an order's rows in the three read models to its state: the detail (the view, plus the new
 * notes appended), the customer's list (registered customers only) and the staff board. Used by the
 * live path (in the append's transaction) and by a rebuild (with every note at once) alike.
 */
export async function projectOrder(tx: Tx, tables: ReadModelTables, order: Order, newNotes: readonly Note[]): Promise<void> {
  const data = JSON.stringify(orderView(order));
  const notes = JSON.stringify(newNotes);
  await sql`
    insert into ${sql.table(tables.detail)} as d (order_id, account_id, data, notes, version)
    values (${order.id}, ${order.accountId}, ${data}::jsonb, ${notes}::jsonb, ${order.version})
    on conflict (order_id) do update set account_id = excluded.account_id, data = excluded.data, notes = d.notes || excluded.notes, version = excluded.version`.execute(tx);

  const row = {
    order_id: order.id,
    number: order.number,
    status: order.status,
    payment_status: order.paymentStatus,
    currency: order.currency,
    grand_total: order.totals.grandTotal,
    item_count: itemCount(order),
    placed_at: new Date(order.placedAt),
    updated_at: new Date(order.updatedAt),
    version: order.version,
  };
  const { order_id: _id, ...changes } = row;
  if (order.accountId !== null) {
    await tx
      .insertInto(tables.customerList as 'order_customer_list')
      .values({ ...row, account_id: order.accountId })
      .onConflict((oc) => oc.column('order_id').doUpdateSet({ ...changes, account_id: order.accountId! }))
      .execute();
  }
  await tx
    .insertInto(tables.board as 'order_board')
    .values({ ...row, account_id: order.accountId, email: order.email })
    .onConflict((oc) => oc.column('order_id').doUpdateSet({ ...changes, account_id: order.accountId, email: order.email }))
    .execute();
}
