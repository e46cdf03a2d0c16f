import type { Kysely, Transaction } from 'kysely';
import type { KitTables } from '../db/kit-migrations.ts';
import type { CloudEvent } from './envelope.ts';
import { applyEachIsolated, run, type ApplyEvent, type BatchResult, type InboxOutcome } from './inbox.ts';
import { planBatch, type Advance } from './inbox-plan.ts';

/**
 * Applies a batch of delivered events through the inbox in ONE transaction (one commit, one fsync),
 * with the guarantees of `applyOnce` for each: a redelivery changes nothing, each subject's events
 * apply in sequence order, an early event is parked until its gap fills.
 *
 * The common case costs a fixed number of statements per batch plus the handlers' own: one writes
 * every inbox record and locks every subject's position, one parks, advances and unparks. When an
 * event's handler fails, the transaction is rolled back, that event is reported with its error (for
 * the bus to retry or dead-letter it) and the others run again without it. After a second failure,
 * or one that no event can be blamed for, the rest run with a savepoint per event
 * (`applyEachIsolated`). Either way a failing event is rolled back alone, its handler runs once per
 * delivery, and the others commit once.
 */
export async function applyBatch(db: Kysely<KitTables>, events: readonly CloudEvent[], apply: ApplyEvent): Promise<BatchResult[]> {
  const firstOfId = new Map<string, number>();
  const unique: CloudEvent[] = [];
  const slot = events.map((event) => {
    const seen = firstOfId.get(event.id);
    if (seen !== undefined) return -1; // a second copy in the same batch: the first one decides
    firstOfId.set(event.id, unique.length);
    return unique.push(event) - 1;
  });

  const results: BatchResult[] = new Array(unique.length);
  let remaining = unique.map((_, i) => i);
  const take = (indexes: number[]) => indexes.map((i) => unique[i]!);
  for (let attempt = 1; attempt <= 2 && remaining.length > 0; attempt++) {
    try {
      const outcomes = await db.transaction().execute((tx) => applyTogether(tx, take(remaining), apply));
      outcomes.forEach((outcome, k) => (results[remaining[k]!] = { outcome }));
      remaining = [];
    } catch (error) {
      if (!(error instanceof HandlerFailed)) break; // nothing to blame: isolate every event
      const failed = remaining[error.index]!;
      results[failed] = { error: error.cause };
      remaining = remaining.filter((i) => i !== failed);
    }
  }
  if (remaining.length > 0) {
    const isolated = await applyEachIsolatedInOrder(db, take(remaining), apply);
    isolated.forEach((result, k) => (results[remaining[k]!] = result));
  }
  return slot.map((at) => (at < 0 ? { outcome: 'duplicate' } : results[at]!));
}

/** The handler of the batch's event number `index` threw `cause`. */
class HandlerFailed extends Error {
  constructor(
    readonly index: number,
    override readonly cause: unknown,
  ) {
    super('event handler failed');
  }
}

async function applyTogether(tx: Transaction<KitTables>, events: readonly CloudEvent[], apply: ApplyEvent): Promise<InboxOutcome[]> {
  const admitted = await run<{ fresh: boolean; last_sequence: number }>(tx, ADMIT, [
    events.map((e) => e.id),
    events.map((e) => e.source),
    events.map((e) => e.type),
    events.map((e) => e.subject),
    events.map((e) => e.sequence),
  ]);
  const plan = planBatch(events, admitted.rows.map((r) => ({ fresh: r.fresh, lastSequence: r.last_sequence })));
  for (const i of plan.apply) {
    try {
      await apply(events[i]!, tx);
    } catch (error) {
      throw new HandlerFailed(i, error);
    }
  }
  await settle(tx, plan.park.map((i) => events[i]!), plan.advance, apply);
  return plan.outcomes;
}

/**
 * Parks the early events, moves the positions, and applies parked successors the new positions
 * reach (repeating until none is left): usually one statement.
 */
async function settle(tx: Transaction<KitTables>, park: readonly CloudEvent[], advance: readonly Advance[], apply: ApplyEvent): Promise<void> {
  let parking = park;
  let moving = advance;
  while (parking.length > 0 || moving.length > 0) {
    const unparked = await run<{ envelope: CloudEvent }>(tx, SETTLE, [
      parking.map((e) => e.id),
      parking.map((e) => e.source),
      parking.map((e) => e.subject),
      parking.map((e) => e.sequence),
      parking.map((e) => JSON.stringify(e)),
      moving.map((a) => a.source),
      moving.map((a) => a.subject),
      moving.map((a) => a.last),
    ]);
    parking = [];
    for (const { envelope } of unparked.rows) await apply(envelope, tx);
    moving = unparked.rows.map(({ envelope }) => ({ source: envelope.source, subject: envelope.subject, last: envelope.sequence }));
  }
}

/** Runs the batch with a savepoint per event, each subject's events in sequence order. */
async function applyEachIsolatedInOrder(db: Kysely<KitTables>, events: readonly CloudEvent[], apply: ApplyEvent): Promise<BatchResult[]> {
  const order = events.map((_, i) => i).sort((a, b) => compareForInbox(events[a]!, events[b]!));
  const sorted = await applyEachIsolated(db, order.map((i) => events[i]!), apply);
  const results: BatchResult[] = new Array(events.length);
  order.forEach((i, k) => (results[i] = sorted[k]!));
  return results;
}

function compareForInbox(a: CloudEvent, b: CloudEvent): number {
  if (a.source !== b.source) return a.source < b.source ? -1 : 1;
  if (a.subject !== b.subject) return a.subject < b.subject ? -1 : 1;
  return a.sequence - b.sequence;
}

// Positions are locked in (source, subject) order, so two batches never wait for each other in a cycle.
const ADMIT = `
  with batch as (
    select * from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::int[]) with ordinality as b(event_id, source, type, subject, sequence, i)
  ), positions as (
    insert into kit_inbox_positions (source, subject, last_sequence)
    select distinct source, subject, 0 from batch order by source, subject
    on conflict (source, subject) do update set last_sequence = kit_inbox_positions.last_sequence
    returning source, subject, last_sequence
  ), fresh as (
    insert into kit_inbox (event_id, source, type, subject, sequence)
    select event_id, source, type, subject, sequence from batch
    on conflict do nothing
    returning event_id
  )
  select f.event_id is not null as fresh, p.last_sequence
  from batch b join positions p using (source, subject) left join fresh f using (event_id)
  order by b.i`;

// A parked row is never the successor of a position it is written with (it lies beyond a gap), so
// the delete (which does not see this statement's inserts) misses nothing.
const SETTLE = `
  with parked as (
    insert into kit_parked_events (event_id, source, subject, sequence, envelope)
    select * from unnest($1::uuid[], $2::text[], $3::text[], $4::int[], $5::jsonb[])
  ), moved as (
    update kit_inbox_positions p set last_sequence = m.last
    from unnest($6::text[], $7::text[], $8::int[]) as m(source, subject, last)
    where p.source = m.source and p.subject = m.subject
  )
  delete from kit_parked_events k
  using unnest($6::text[], $7::text[], $8::int[]) as m(source, subject, last)
  where k.source = m.source and k.subject = m.subject and k.sequence = m.last + 1
  returning k.envelope`;
