import { decodeCursor, encodeCursor } from '@mercato/kit';
import type { OrderStatus, PaymentStatus } from '../domain/order.ts';
import type { Db } from '../store/context.ts';
import type { ListRow } from '../store/tables.ts';

/** The staff board's filters (all optional, combined with and). */
export interface BoardFilter {
  status?: OrderStatus;
  paymentStatus?: PaymentStatus;
  from?: string;
  to?: string;
  accountId?: string;
  minTotal?: number;
  maxTotal?: number;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

const CURSOR_KEYS = ['t', 'id'] as const;

function listItem(row: ListRow) {
  return {
    id: row.order_id,
    number: row.number,
    status: row.status,
    paymentStatus: row.payment_status,
    currency: row.currency,
    grandTotal: row.grand_total,
    itemCount: row.item_count,
    placedAt: row.placed_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
  };
}

/** Newest first, with a cursor of the last row's (placed at, id): stable under inserts. */
function page<R extends ListRow, T>(rows: R[], limit: number, map: (row: R) => T): Page<T> {
  const more = rows.length > limit;
  const items = more ? rows.slice(0, limit) : rows;
  const last = items[items.length - 1];
  return { items: items.map(map), nextCursor: more && last ? encodeCursor({ t: last.placed_at.toISOString(), id: last.order_id }) : null };
}

/** A customer's own orders, newest first. */
export async function customerOrders(db: Db, accountId: string, limit: number, cursor?: string) {
  let query = db.selectFrom('order_customer_list').selectAll().where('account_id', '=', accountId);
  if (cursor) {
    const { t, id } = decodeCursor<{ t: string; id: string }>(cursor, CURSOR_KEYS);
    query = query.where((eb) => eb(eb.refTuple('placed_at', 'order_id'), '<', eb.tuple(new Date(t), id)));
  }
  const rows = await query.orderBy('placed_at', 'desc').orderBy('order_id', 'desc').limit(limit + 1).execute();
  return page(rows, limit, listItem);
}

/** The staff board: every order, filtered, newest first. */
export async function boardOrders(db: Db, filter: BoardFilter, limit: number, cursor?: string) {
  let query = db.selectFrom('order_board').selectAll();
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.paymentStatus) query = query.where('payment_status', '=', filter.paymentStatus);
  if (filter.from) query = query.where('placed_at', '>=', new Date(filter.from));
  if (filter.to) query = query.where('placed_at', '<', new Date(filter.to));
  if (filter.accountId) query = query.where('account_id', '=', filter.accountId);
  if (filter.minTotal !== undefined) query = query.where('grand_total', '>=', filter.minTotal);
  if (filter.maxTotal !== undefined) query = query.where('grand_total', '<=', filter.maxTotal);
  if (cursor) {
    const { t, id } = decodeCursor<{ t: string; id: string }>(cursor, CURSOR_KEYS);
    query = query.where((eb) => eb(eb.refTuple('placed_at', 'order_id'), '<', eb.tuple(new Date(t), id)));
  }
  const rows = await query.orderBy('placed_at', 'desc').orderBy('order_id', 'desc').limit(limit + 1).execute();
  return page(rows, limit, (row) => ({ ...listItem(row), accountId: row.account_id, email: row.email }));
}

/** An order's detail row: the view and its notes. */
export async function orderDetail(db: Db, id: string) {
  return db.selectFrom('order_detail').select(['data', 'notes', 'version', 'account_id']).where('order_id', '=', id).executeTakeFirst();
}
