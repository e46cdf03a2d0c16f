import { isUniqueViolation } from '@mercato/kit';
import { sql } from 'kysely';
import type { OrderEvent, RecordedEvent } from '../domain/events.ts';
import { fold, SNAPSHOT_SCHEMA } from '../domain/evolve.ts';
import type { Order } from '../domain/order.ts';
import type { Db, Tx } from './context.ts';

/** Another writer appended to the stream since it was read (the optimistic check failed). */
export class StreamVersionConflict extends Error {
  constructor(
    readonly orderId: string,
    readonly expected: number,
  ) {
    super(`order ${orderId} is no longer at version ${expected}`);
  }
}

interface LoadRow {
  snapshot: boolean;
  version: number;
  type: string | null;
  data: unknown;
  occurred_at: Date | null;
  actor: string | null;
}

function recorded(row: { version: number; type: string | null; data: unknown; occurred_at: Date | null; actor: string | null }): RecordedEvent {
  return { type: row.type, data: row.data, version: row.version, occurredAt: row.occurred_at!.toISOString(), actor: row.actor } as RecordedEvent;
}

/**
 * An order's current state: its latest snapshot (of the current schema) and the events after it,
 * in one round trip; undefined when the stream is empty. `until` folds only the events that had
 * happened by then (an as-of read), from the latest snapshot taken by then.
 */
export async function loadOrder(db: Db | Tx, orderId: string, options: { until?: Date; snapshots?: boolean } = {}): Promise<Order | undefined> {
  const until = options.until ?? null;
  const useSnapshots = options.snapshots ?? true;
  const { rows } = await sql<LoadRow>`
    with snap as (
      select version, state from order_snapshots
      where order_id = ${orderId} and schema = ${SNAPSHOT_SCHEMA} and ${useSnapshots}
        and (${until}::timestamptz is null or occurred_at <= ${until}::timestamptz)
      order by version desc limit 1
    )
    select true as snapshot, version, null::text as type, state as data, null::timestamptz as occurred_at, null::text as actor from snap
    union all
    select false, version, type, data, occurred_at, actor from order_events
    where order_id = ${orderId} and version > coalesce((select version from snap), 0)
      and (${until}::timestamptz is null or occurred_at <= ${until}::timestamptz)
    order by snapshot desc, version`.execute(db);
  if (rows.length === 0) return undefined;
  const start = rows[0]!.snapshot ? (rows[0]!.data as Order) : null;
  const events = (start ? rows.slice(1) : rows).map(recorded);
  return fold(start, events) ?? undefined;
}

/** Every event of a stream, oldest first (optionally only those that had happened by `until`). */
export async function readStream(db: Db | Tx, orderId: string, until?: Date): Promise<RecordedEvent[]> {
  let query = db.selectFrom('order_events').select(['version', 'type', 'data', 'occurred_at', 'actor']).where('order_id', '=', orderId);
  if (until) query = query.where('occurred_at', '<=', until);
  const rows = await query.orderBy('version').execute();
  return rows.map(recorded);
}

/**
 * Appends events to a stream expected at `expectedVersion` (0: a new stream), all stamped `at`.
 * A concurrent append of the same version violates the stream's key: StreamVersionConflict.
 */
export async function appendEvents(tx: Tx, orderId: string, expectedVersion: number, events: OrderEvent[], actor: string, at: Date): Promise<RecordedEvent[]> {
  const occurredAt = at.toISOString();
  const records = events.map((event, i): RecordedEvent => ({ ...event, version: expectedVersion + i + 1, occurredAt, actor }) as RecordedEvent);
  try {
    await tx
      .insertInto('order_events')
      .values(records.map((r) => ({ order_id: orderId, version: r.version, type: r.type, data: JSON.stringify(r.data), occurred_at: at, actor })))
      .execute();
  } catch (error) {
    if (isUniqueViolation(error, 'order_events_stream_version')) throw new StreamVersionConflict(orderId, expectedVersion);
    throw error;
  }
  return records;
}

/** Writes a snapshot of the state at its version (when the append crossed a multiple of `every`). */
export async function snapshotIfDue(tx: Tx, before: number, order: Order, every: number): Promise<boolean> {
  if (Math.floor(order.version / every) === Math.floor(before / every)) return false;
  await tx
    .insertInto('order_snapshots')
    .values({ order_id: order.id, version: order.version, schema: SNAPSHOT_SCHEMA, state: JSON.stringify(order), occurred_at: new Date(order.updatedAt) })
    .onConflict((oc) => oc.doNothing())
    .execute();
  return true;
}

/** The next human order number. */
export async function nextOrderNumber(db: Db | Tx): Promise<number> {
  const { rows } = await sql<{ n: number }>`select nextval('order_numbers') as n`.execute(db);
  return Number(rows[0]!.n);
}

/** The ids of every stream, in order, a page at a time (for replays). */
export async function streamIds(db: Db | Tx, after: string, limit: number): Promise<string[]> {
  const rows = await db.selectFrom('order_events').select('order_id').distinct().where('order_id', '>', after).orderBy('order_id').limit(limit).execute();
  return rows.map((r) => r.order_id);
}
