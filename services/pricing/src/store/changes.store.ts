import { sql } from 'kysely';
import type { Db, Tx } from './context.ts';
import type { PricingTables } from './tables.ts';

export type ChangeKind = PricingTables['index_changes']['kind'];
export interface Change {
  kind: ChangeKind;
  key: string;
  listId?: string | null;
}
export interface LoggedChange extends Change {
  seq: number;
}

/** Any fixed number: the advisory lock that orders writers of the change log. */
const CHANGE_LOG_LOCK = 7_311_001;

/**
 * Appends changes for the price indexes. Call it last in the transaction: the advisory lock is held
 * until commit, so rows become visible in sequence order and the lock never waits on another lock.
 */
export async function recordChanges(tx: Tx, changes: readonly Change[]): Promise<void> {
  if (changes.length === 0) return;
  await sql`select pg_advisory_xact_lock(${CHANGE_LOG_LOCK})`.execute(tx);
  await sql`insert into index_changes (kind, key, list_id)
    select * from unnest(${changes.map((c) => c.kind)}::text[], ${changes.map((c) => c.key)}::text[], ${changes.map((c) => c.listId ?? null)}::text[])`.execute(tx);
}

/** Changes after `seq`, oldest first (at most `limit`). */
export async function changesAfter(db: Db, seq: number, limit: number): Promise<LoggedChange[]> {
  const rows = await db.selectFrom('index_changes').select(['seq', 'kind', 'key', 'list_id']).where('seq', '>', seq).orderBy('seq').limit(limit).execute();
  return rows.map((r) => ({ seq: Number(r.seq), kind: r.kind, key: r.key, listId: r.list_id }));
}

export async function lastChange(db: Db): Promise<number> {
  const row = await db.selectFrom('index_changes').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirst();
  return Number(row?.seq ?? 0);
}

export async function prunedThrough(db: Db): Promise<number> {
  return Number((await db.selectFrom('index_pruning').select('pruned_through').executeTakeFirstOrThrow()).pruned_through);
}

/** Deletes changes older than `olderThanMs`; a replica behind the watermark reloads in full. */
export async function pruneChanges(db: Db, olderThanMs: number): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const cutoff = new Date(Date.now() - olderThanMs);
    const row = await tx.selectFrom('index_changes').select((eb) => eb.fn.max('seq').as('seq')).where('created_at', '<', cutoff).executeTakeFirst();
    const through = Number(row?.seq ?? 0);
    if (through === 0) return;
    await tx.updateTable('index_pruning').set({ pruned_through: sql`greatest(pruned_through, ${through})` }).execute();
    await tx.deleteFrom('index_changes').where('seq', '<=', through).execute();
  });
}
