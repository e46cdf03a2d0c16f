import { decodeCursor, encodeCursor, newId } from '@mercato/kit';
import { sql } from 'kysely';
import { POSTINGS, type LedgerAccount, type LedgerKind } from '../domain/ledger.ts';
import type { Db, Tx } from './context.ts';
import type { IntentRow } from './intents.store.ts';

export interface LedgerEntry {
  id: string;
  intentId: string;
  orderId: string;
  refundId: string | null;
  kind: LedgerKind;
  debitAccount: LedgerAccount;
  creditAccount: LedgerAccount;
  amount: number;
  currency: string;
  createdAt: string;
}

/** Records one money movement of an intent, inside the transaction that changes the intent. */
export async function postEntry(tx: Tx, intent: Pick<IntentRow, 'id' | 'order_id' | 'currency'>, kind: LedgerKind, amount: number, refundId: string | null = null): Promise<void> {
  if (amount <= 0) return;
  const { debit, credit } = POSTINGS[kind];
  await tx
    .insertInto('ledger_entries')
    .values({ id: newId('led'), intent_id: intent.id, order_id: intent.order_id, refund_id: refundId, kind, debit_account: debit, credit_account: credit, amount, currency: intent.currency })
    .execute();
}

export interface LedgerFilter {
  orderId?: string;
  intentId?: string;
  limit: number;
  cursor?: string;
}

/** Ledger entries in the order they were written, one page at a time. */
export async function listEntries(db: Db, filter: LedgerFilter): Promise<{ items: LedgerEntry[]; nextCursor: string | null }> {
  let query = db.selectFrom('ledger_entries').selectAll().orderBy('id').limit(filter.limit + 1);
  if (filter.orderId) query = query.where('order_id', '=', filter.orderId);
  if (filter.intentId) query = query.where('intent_id', '=', filter.intentId);
  if (filter.cursor) query = query.where('id', '>', decodeCursor<{ id: string }>(filter.cursor, ['id']).id);
  const rows = await query.execute();
  const page = rows.slice(0, filter.limit);
  return {
    items: page.map((row) => ({
      id: row.id,
      intentId: row.intent_id,
      orderId: row.order_id,
      refundId: row.refund_id,
      kind: row.kind,
      debitAccount: row.debit_account,
      creditAccount: row.credit_account,
      amount: row.amount,
      currency: row.currency,
      createdAt: row.created_at.toISOString(),
    })),
    nextCursor: rows.length > filter.limit ? encodeCursor({ id: page.at(-1)!.id }) : null,
  };
}

/** Sums of the ledger per intent and kind (optionally of one order). */
export async function ledgerSums(db: Db | Tx, orderId?: string): Promise<Array<{ intent_id: string; kind: LedgerKind; total: number }>> {
  let query = db
    .selectFrom('ledger_entries')
    .select(['intent_id', 'kind', (eb) => eb.fn.sum<string>('amount').as('total')])
    .groupBy(['intent_id', 'kind']);
  if (orderId) query = query.where('order_id', '=', orderId);
  const rows = await query.execute();
  return rows.map((row) => ({ intent_id: row.intent_id, kind: row.kind, total: Number(row.total) }));
}

/** Debits and credits per account and currency (optionally of one order). */
export async function accountTotals(db: Db | Tx, orderId?: string): Promise<Array<{ account: LedgerAccount; currency: string; debits: number; credits: number }>> {
  const filter = orderId ? sql`where order_id = ${orderId}` : sql``;
  const { rows } = await sql<{ account: LedgerAccount; currency: string; debits: string; credits: string }>`
    select account, currency, sum(debit)::text as debits, sum(credit)::text as credits from (
      select debit_account as account, currency, amount as debit, 0 as credit from ledger_entries ${filter}
      union all
      select credit_account, currency, 0, amount from ledger_entries ${filter}
    ) postings group by account, currency order by account, currency`.execute(db);
  return rows.map((row) => ({ account: row.account, currency: row.currency, debits: Number(row.debits), credits: Number(row.credits) }));
}
