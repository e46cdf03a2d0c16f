import { decodeCursor, encodeCursor, newId } from '@mercato/kit';
import { sql, type Selectable } from 'kysely';
import type { Content, Delivery, DeliveryStatus, SkipReason } from '../domain/delivery.ts';
import type { Kind } from '../domain/kinds.ts';
import type { Db, Tx } from './context.ts';
import type { NotificationsTables } from './tables.ts';

type Row = Selectable<NotificationsTables['deliveries']>;

const COLUMNS = [
  'id', 'event_id', 'event_type', 'kind', 'order_id', 'order_number', 'account_id', 'recipient', 'status', 'reason', 'subject', 'text_body', 'html_body',
  'attempts', 'last_error', 'next_attempt_at', 'message_id', 'file', 'sent_at', 'created_at', 'updated_at',
] as const;

function toDelivery(row: Omit<Row, 'raw'>): Delivery {
  return {
    id: row.id,
    eventId: row.event_id,
    eventType: row.event_type,
    kind: row.kind,
    orderId: row.order_id,
    orderNumber: row.order_number,
    accountId: row.account_id,
    to: row.recipient,
    status: row.status,
    reason: row.reason,
    content: { subject: row.subject, text: row.text_body, html: row.html_body },
    attempts: row.attempts,
    lastError: row.last_error,
    nextAttemptAt: row.next_attempt_at,
    messageId: row.message_id,
    file: row.file,
    sentAt: row.sent_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export interface NewDelivery {
  eventId: string;
  eventType: string;
  kind: Kind;
  orderId: string;
  orderNumber: string;
  accountId: string | null;
  to: string;
  content: Content;
  /** Null: to be sent; otherwise recorded as skipped for this reason. */
  skip: SkipReason | null;
}

/**
 * Records a delivery in the inbox transaction; the sender picks pending ones up after the commit.
 * Returns undefined when this event already has a delivery of this kind.
 */
export async function recordDelivery(tx: Tx, delivery: NewDelivery): Promise<Delivery | undefined> {
  const row = await tx
    .insertInto('deliveries')
    .values({
      id: newId('dlv'),
      event_id: delivery.eventId,
      event_type: delivery.eventType,
      kind: delivery.kind,
      order_id: delivery.orderId,
      order_number: delivery.orderNumber,
      account_id: delivery.accountId,
      recipient: delivery.to,
      status: delivery.skip ? 'skipped' : 'pending',
      reason: delivery.skip,
      subject: delivery.content.subject,
      text_body: delivery.content.text,
      html_body: delivery.content.html,
      next_attempt_at: delivery.skip ? null : new Date(),
    })
    .onConflict((oc) => oc.constraint('deliveries_event_kind').doNothing())
    .returning(COLUMNS)
    .executeTakeFirst();
  return row && toDelivery(row);
}

/**
 * Claims up to `limit` due deliveries for sending: their next attempt moves `leaseMs` ahead, so
 * another replica's sender skips them, and a sender that dies mid-send leaves them due again later.
 */
export async function claimDue(db: Db, limit: number, leaseMs: number): Promise<Delivery[]> {
  const { rows } = await sql<Omit<Row, 'raw'>>`
    update deliveries set next_attempt_at = now() + ${leaseMs} * interval '1 millisecond', updated_at = now()
    where id in (
      select id from deliveries where status = 'pending' and next_attempt_at <= now()
      order by next_attempt_at limit ${limit} for update skip locked)
    returning ${sql.join(COLUMNS.map((c) => sql.ref(c)))}`.execute(db);
  return rows.map(toDelivery);
}

/** Marks a claimed delivery sent, keeping the message as sent. */
export async function markSent(db: Db, claimed: Delivery, sent: { messageId: string; file: string | null; raw: Buffer }): Promise<void> {
  await db
    .updateTable('deliveries')
    .set({ status: 'sent', attempts: claimed.attempts + 1, message_id: sent.messageId, file: sent.file, raw: sent.raw, sent_at: new Date(), next_attempt_at: null, updated_at: new Date() })
    .where('id', '=', claimed.id)
    .where('status', '=', 'pending')
    .execute();
}

/** Records a failed attempt: due again at `retryAt`, or `failed` for good when that is null. */
export async function markAttemptFailed(db: Db, claimed: Delivery, error: string, retryAt: Date | null): Promise<void> {
  await db
    .updateTable('deliveries')
    .set({ status: retryAt ? 'pending' : 'failed', attempts: claimed.attempts + 1, last_error: error.slice(0, 2000), next_attempt_at: retryAt, updated_at: new Date() })
    .where('id', '=', claimed.id)
    .where('status', '=', 'pending')
    .execute();
}

/** Makes a failed delivery due again with a fresh attempt count; undefined when it is not failed. */
export async function retryFailed(db: Db, id: string): Promise<Delivery | undefined> {
  const row = await db
    .updateTable('deliveries')
    .set({ status: 'pending', attempts: 0, next_attempt_at: new Date(), updated_at: new Date() })
    .where('id', '=', id)
    .where('status', '=', 'failed')
    .returning(COLUMNS)
    .executeTakeFirst();
  return row && toDelivery(row);
}

export async function findDelivery(db: Db, id: string): Promise<Delivery | undefined> {
  const row = await db.selectFrom('deliveries').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  return row && toDelivery(row);
}

/** The message exactly as it was sent, if it was. */
export async function sentMessage(db: Db, id: string): Promise<Buffer | null> {
  const row = await db.selectFrom('deliveries').select('raw').where('id', '=', id).executeTakeFirst();
  return row?.raw ?? null;
}

export interface DeliveryFilter {
  orderId?: string;
  to?: string;
  kind?: Kind;
  status?: DeliveryStatus;
  accountId?: string;
  limit: number;
  cursor?: string;
}

/** A page of deliveries, newest first. */
export async function listDeliveries(db: Db, filter: DeliveryFilter): Promise<{ items: Delivery[]; nextCursor: string | null }> {
  let q = db.selectFrom('deliveries').select(COLUMNS).orderBy('id', 'desc').limit(filter.limit + 1);
  if (filter.orderId) q = q.where('order_id', '=', filter.orderId);
  if (filter.to) q = q.where(sql`lower(recipient)`, '=', filter.to.toLowerCase());
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.accountId) q = q.where('account_id', '=', filter.accountId);
  if (filter.cursor) q = q.where('id', '<', decodeCursor<{ before: string }>(filter.cursor, ['before']).before);
  const rows = await q.execute();
  const items = rows.slice(0, filter.limit).map(toDelivery);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > filter.limit && last ? encodeCursor({ before: last.id }) : null };
}
