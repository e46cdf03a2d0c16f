import { decodeCursor, encodeCursor } from '@mercato/kit';
import { sql, type Selectable, type Updateable } from 'kysely';
import type { PaymentIntent } from '../domain/intent.ts';
import type { Db, Tx } from './context.ts';
import type { PaymentsTables } from './tables.ts';

export type IntentRow = Selectable<PaymentsTables['payment_intents']>;

/** The intent as the API and the events show it, with its completed refunds. */
export async function intentView(db: Db | Tx, row: IntentRow): Promise<PaymentIntent> {
  const refunds = await db
    .selectFrom('refunds')
    .select(['id', 'amount', 'reason', 'created_at'])
    .where('intent_id', '=', row.id)
    .where('status', '=', 'succeeded')
    .orderBy('id')
    .execute();
  return {
    id: row.id,
    reference: row.reference,
    orderId: row.order_id,
    accountId: row.account_id,
    amount: row.amount,
    currency: row.currency,
    status: row.status,
    capturedAmount: row.captured_amount,
    refundedAmount: row.refunded_amount,
    card: { brand: row.card_brand, last4: row.card_last4 },
    failure: row.failure_code ? { code: row.failure_code, message: row.failure_message ?? '' } : null,
    refunds: refunds.map((r) => ({ id: r.id, amount: r.amount, reason: r.reason, createdAt: r.created_at.toISOString() })),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
  };
}

export async function findIntentRow(db: Db | Tx, id: string): Promise<IntentRow | undefined> {
  return db.selectFrom('payment_intents').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findIntentRowByReference(db: Db | Tx, reference: string): Promise<IntentRow | undefined> {
  return db.selectFrom('payment_intents').selectAll().where('reference', '=', reference).executeTakeFirst();
}

/** The intent row, locked until the transaction ends (every change of an intent goes through here). */
export async function lockIntentRow(tx: Tx, id: string): Promise<IntentRow | undefined> {
  return tx.selectFrom('payment_intents').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export interface NewIntent {
  id: string;
  reference: string;
  orderId: string;
  accountId: string | null;
  amount: number;
  currency: string;
  card: { brand: string; last4: string; token: string };
  provider: string;
}

/** Inserts a pending intent still being authorized; undefined when the reference already has one. */
export async function insertIntent(db: Db, intent: NewIntent): Promise<IntentRow | undefined> {
  return db
    .insertInto('payment_intents')
    .values({
      id: intent.id,
      reference: intent.reference,
      order_id: intent.orderId,
      account_id: intent.accountId,
      amount: intent.amount,
      currency: intent.currency,
      status: 'pending',
      card_brand: intent.card.brand,
      card_last4: intent.card.last4,
      card_token: intent.card.token,
      provider: intent.provider,
      authorizing: true,
    })
    .onConflict((oc) => oc.column('reference').doNothing())
    .returningAll()
    .executeTakeFirst();
}

/** Changes a locked intent: a new version and update time. */
export async function updateIntent(tx: Tx, id: string, change: Updateable<PaymentsTables['payment_intents']>): Promise<IntentRow> {
  return tx
    .updateTable('payment_intents')
    .set({ ...change, version: sql`version + 1`, updated_at: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export interface IntentFilter {
  reference?: string;
  orderId?: string;
  limit: number;
  cursor?: string;
}

/** Intents, newest first, one page at a time. */
export async function listIntentRows(db: Db, filter: IntentFilter): Promise<{ rows: IntentRow[]; nextCursor: string | null }> {
  let query = db.selectFrom('payment_intents').selectAll().orderBy('id', 'desc').limit(filter.limit + 1);
  if (filter.reference) query = query.where('reference', '=', filter.reference);
  if (filter.orderId) query = query.where('order_id', '=', filter.orderId);
  if (filter.cursor) query = query.where('id', '<', decodeCursor<{ id: string }>(filter.cursor, ['id']).id);
  const rows = await query.execute();
  const page = rows.slice(0, filter.limit);
  return { rows: page, nextCursor: rows.length > filter.limit ? encodeCursor({ id: page.at(-1)!.id }) : null };
}

/** Intents whose provider work is unfinished and older than `olderThanMs` (the recovery sweeper's list). */
export async function unfinishedIntentIds(db: Db, olderThanMs: number, limit: number): Promise<Array<{ id: string; authorizing: boolean; void_pending: boolean }>> {
  return db
    .selectFrom('payment_intents')
    .select(['id', 'authorizing', 'void_pending'])
    .where((eb) => eb.or([eb('authorizing', '=', true), eb('void_pending', '=', true)]))
    .where('updated_at', '<', new Date(Date.now() - olderThanMs))
    .orderBy('updated_at')
    .limit(limit)
    .execute();
}
