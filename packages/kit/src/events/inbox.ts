import { CompiledQuery, sql, type Kysely, type Transaction } from 'kysely';
import type { KitTables } from '../db/kit-migrations.ts';
import type { CloudEvent } from './envelope.ts';

/** Applies one event's effect inside the consumer's transaction. */
export type ApplyEvent = (event: CloudEvent, tx: Transaction<any>) => Promise<void>;

/** What happened to a delivered event. */
export type InboxOutcome = 'applied' | 'duplicate' | 'parked';

/** One event's result in a batch: its outcome once committed, or why it was rolled back alone. */
export type BatchResult = { outcome: InboxOutcome } | { error: unknown };

/**
 * Effectively-once, in-order application of an event. In ONE transaction with the effect: the event
 * id goes into the inbox (a redelivery is a no-op), and the subject's last applied sequence is
 * checked — an event that arrives before its predecessor is parked, and applied (with any parked
 * successors) as soon as the gap is filled.
 */
export async function applyOnce(db: Kysely<KitTables>, event: CloudEvent, apply: ApplyEvent): Promise<InboxOutcome> {
  return db.transaction().execute((tx) => admitAndApply(tx, event, apply));
}

/**
 * Applies several events in ONE transaction, each inside its own savepoint: an event whose effect
 * fails is rolled back alone (its inbox record included, so a redelivery applies it) and reported
 * with its error, while the others commit together. Events of one subject must come in the order
 * they should be tried.
 */
export async function applyEachIsolated(db: Kysely<KitTables>, events: readonly CloudEvent[], apply: ApplyEvent): Promise<BatchResult[]> {
  return db.transaction().execute(async (tx) => {
    const results: BatchResult[] = [];
    for (const event of events) {
      await run(tx, 'savepoint kit_inbox_event', []);
      try {
        const outcome = await admitAndApply(tx, event, apply);
        await run(tx, 'release savepoint kit_inbox_event', []);
        results.push({ outcome });
      } catch (error) {
        await run(tx, 'rollback to savepoint kit_inbox_event', []); // if this fails too, the whole batch fails
        results.push({ error });
      }
    }
    return results;
  });
}

/** The inbox steps of one event (and of its parked successors) in the caller's transaction. */
async function admitAndApply(tx: Transaction<KitTables>, event: CloudEvent, apply: ApplyEvent): Promise<InboxOutcome> {
  const fresh = await run(tx, INSERT_INBOX, [event.id, event.source, event.type, event.subject, event.sequence]);
  if (fresh.rows.length === 0) return 'duplicate';

  // One round trip creates the subject's position if new and locks it (serializing its events).
  const position = await run<{ last_sequence: number }>(tx, LOCK_POSITION, [event.source, event.subject]);
  const last = position.rows[0]!.last_sequence;
  if (event.sequence <= last) return 'duplicate';
  if (event.sequence > last + 1) {
    await run(tx, PARK, [event.id, event.source, event.subject, event.sequence, JSON.stringify(event)]);
    return 'parked';
  }

  await apply(event, tx);
  let applied = event.sequence;
  for (;;) {
    const next = await run<{ envelope: CloudEvent }>(tx, UNPARK_NEXT, [event.source, event.subject, applied + 1]);
    if (next.rows.length === 0) break;
    await apply(next.rows[0]!.envelope, tx);
    applied++;
  }
  await run(tx, ADVANCE_POSITION, [event.source, event.subject, applied]);
  return 'applied';
}

/** Runs fixed SQL in the transaction (the inbox runs for every event: no query building). */
export function run<R>(tx: Transaction<any>, text: string, parameters: readonly unknown[]) {
  return tx.executeQuery<R>(CompiledQuery.raw(text, [...parameters]));
}

const INSERT_INBOX = `insert into kit_inbox (event_id, source, type, subject, sequence) values ($1, $2, $3, $4, $5)
  on conflict do nothing returning event_id`;
const LOCK_POSITION = `insert into kit_inbox_positions (source, subject, last_sequence) values ($1, $2, 0)
  on conflict (source, subject) do update set last_sequence = kit_inbox_positions.last_sequence returning last_sequence`;
export const PARK = `insert into kit_parked_events (event_id, source, subject, sequence, envelope) values ($1, $2, $3, $4, $5)`;
const UNPARK_NEXT = `delete from kit_parked_events where source = $1 and subject = $2 and sequence = $3 returning envelope`;
const ADVANCE_POSITION = `update kit_inbox_positions set last_sequence = $3 where source = $1 and subject = $2`;

/** Deletes inbox records older than the retention (redeliveries come within minutes, not days). */
export async function sweepInbox(db: Kysely<KitTables>, retentionMs = 7 * 86_400_000): Promise<void> {
  await sql`delete from kit_inbox where handled_at < ${new Date(Date.now() - retentionMs)}`.execute(db);
}
