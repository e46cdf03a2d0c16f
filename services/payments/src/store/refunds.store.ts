import { newId } from '@mercato/kit';
import { sql } from 'kysely';
import type { Db, Tx } from './context.ts';

/** Amount of an intent's refunds still waiting for the provider's answer (held against what is left to refund). */
export async function pendingRefundTotal(tx: Tx, intentId: string): Promise<number> {
  const row = await tx
    .selectFrom('refunds')
    .select(sql<string>`coalesce(sum(amount), 0)::text`.as('total'))
    .where('intent_id', '=', intentId)
    .where('status', '=', 'pending')
    .executeTakeFirstOrThrow();
  return Number(row.total);
}

export async function insertPendingRefund(tx: Tx, intentId: string, amount: number, reason: string | null): Promise<string> {
  const id = newId('rfd');
  await tx.insertInto('refunds').values({ id, intent_id: intentId, amount, reason, status: 'pending' }).execute();
  return id;
}

/** Ends a pending refund; false when it was no longer pending (another caller finished it). */
export async function finishRefund(
  tx: Tx,
  id: string,
  outcome: { status: 'succeeded'; providerRef: string } | { status: 'failed'; failure: { code: string; message: string } },
): Promise<boolean> {
  const result = await tx
    .updateTable('refunds')
    .set(
      outcome.status === 'succeeded'
        ? { status: 'succeeded', provider_ref: outcome.providerRef, completed_at: new Date() }
        : { status: 'failed', failure_code: outcome.failure.code, failure_message: outcome.failure.message, completed_at: new Date() },
    )
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function findRefund(db: Db | Tx, id: string) {
  return db.selectFrom('refunds').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Pending refunds older than `olderThanMs` (the recovery sweeper's list). */
export async function stalePendingRefunds(db: Db, olderThanMs: number, limit: number) {
  return db
    .selectFrom('refunds')
    .select(['id', 'intent_id'])
    .where('status', '=', 'pending')
    .where('created_at', '<', new Date(Date.now() - olderThanMs))
    .orderBy('created_at')
    .limit(limit)
    .execute();
}
