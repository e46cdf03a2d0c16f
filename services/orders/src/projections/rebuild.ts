import { problem } from '@mercato/kit';
import { sql } from 'kysely';
import type { RecordedEvent } from '../domain/events.ts';
import { fold } from '../domain/evolve.ts';
import { ordersErrors } from '../errors.ts';
import type { Db, Tx } from '../store/context.ts';
import { streamIds } from '../store/event-store.ts';
import { LIVE, projectOrder, type ReadModelTables } from './read-models.ts';
import { notesOf } from './view.ts';

const FRESH: ReadModelTables = { detail: 'order_detail_rebuild', customerList: 'order_customer_list_rebuild', board: 'order_board_rebuild' };
const PAGE = 500;

export interface RebuildResult {
  orders: number;
  events: number;
  caughtUp: number;
  durationMs: number;
}

/**
 * Rebuilds every read model by replaying every order's events into fresh tables, then swaps them in
 * atomically (one transaction: readers see the old tables until the commit, then the new ones).
 * Appends go on while the bulk is replayed; for the swap they are held back (SHARE lock on the
 * event store) and the streams that moved meanwhile are replayed again, so no event is missed.
 * Snapshots are not used: the replay folds the events themselves.
 */
export async function rebuildReadModels(db: Db): Promise<RebuildResult> {
  const started = performance.now();
  return db.transaction().execute(async (tx) => {
    const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_xact_lock(hashtext('orders.read-models.rebuild')) as locked`.execute(tx);
    if (!rows[0]!.locked) throw problem(ordersErrors.rebuildInProgress);
    for (const key of ['detail', 'customerList', 'board'] as const) {
      await sql`drop table if exists ${sql.table(FRESH[key])}`.execute(tx);
      await sql`create table ${sql.table(FRESH[key])} (like ${sql.table(LIVE[key])} including all)`.execute(tx);
    }
    let events = 0;
    for (let after = ''; ; ) {
      const ids = await streamIds(tx, after, PAGE);
      if (ids.length === 0) break;
      events += await replay(tx, ids);
      after = ids[ids.length - 1]!;
    }

    await sql`lock table order_events in share mode`.execute(tx);
    const { rows: moved } = await sql<{ order_id: string }>`
      select e.order_id from (select order_id, max(version) as version from order_events group by order_id) e
      left join ${sql.table(FRESH.detail)} d on d.order_id = e.order_id
      where d.version is distinct from e.version`.execute(tx);
    const caughtUp = moved.map((m) => m.order_id);
    for (const key of ['detail', 'customerList', 'board'] as const) {
      await sql`delete from ${sql.table(FRESH[key])} where order_id = any(${caughtUp})`.execute(tx);
    }
    if (caughtUp.length > 0) events += await replay(tx, caughtUp);
    const { rows: counted } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(FRESH.detail)}`.execute(tx);

    for (const key of ['detail', 'customerList', 'board'] as const) {
      const names = await indexes(tx, LIVE[key]);
      await sql`drop table ${sql.table(LIVE[key])}`.execute(tx);
      await sql`alter table ${sql.table(FRESH[key])} rename to ${sql.table(LIVE[key])}`.execute(tx);
      // The copies' indexes got generated names: give them the migrations' names back.
      for (const index of await indexes(tx, LIVE[key])) {
        const name = names.find((n) => n.definition === index.definition)?.name;
        if (name && name !== index.name) await sql`alter index ${sql.id(index.name)} rename to ${sql.id(name)}`.execute(tx);
      }
    }
    return { orders: counted[0]!.n, events, caughtUp: caughtUp.length, durationMs: Math.round(performance.now() - started) };
  });
}

/** A table's indexes, each with its definition minus its own name and table (e.g. `UNIQUE btree (order_id)`). */
async function indexes(tx: Tx, table: string): Promise<Array<{ name: string; definition: string }>> {
  const { rows } = await sql<{ name: string; definition: string }>`
    select c.relname as name, (case when i.indisunique then 'UNIQUE ' else '' end) || regexp_replace(pg_get_indexdef(i.indexrelid), '^.* USING ', '') as definition
    from pg_index i join pg_class c on c.oid = i.indexrelid
    where i.indrelid = ${table}::regclass`.execute(tx);
  return rows;
}

/** Folds and projects the given streams into the fresh tables; returns how many events it read. */
async function replay(tx: Tx, ids: string[]): Promise<number> {
  const rows = await tx
    .selectFrom('order_events')
    .select(['order_id', 'version', 'type', 'data', 'occurred_at', 'actor'])
    .where('order_id', 'in', ids)
    .orderBy('order_id')
    .orderBy('version')
    .execute();
  const streams = new Map<string, RecordedEvent[]>();
  for (const row of rows) {
    const event = { type: row.type, data: row.data, version: row.version, occurredAt: row.occurred_at.toISOString(), actor: row.actor } as RecordedEvent;
    const stream = streams.get(row.order_id);
    if (stream) stream.push(event);
    else streams.set(row.order_id, [event]);
  }
  for (const stream of streams.values()) {
    const order = fold(null, stream);
    if (order) await projectOrder(tx, FRESH, order, notesOf(stream));
  }
  return rows.length;
}
