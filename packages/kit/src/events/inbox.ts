import { sql, type Kysely, type Transaction } from 'kysely';
import type { KitTables } from '../db/kit-migrations.ts';
import type { CloudEvent } from './envelope.ts';

/** Applies one event's effect inside the consumer's transaction. */
export type ApplyEvent = (event: CloudEvent, tx: Transaction<any>) => Promise<void>;

/** What happened to a delivered event. */
export type InboxOutcome = 'applied' | 'duplicate' | 'parked';

/**
 * Effectively-once, in-order application of an event. In ONE transaction with the effect: the event
 * id goes into the inbox (a redelivery is a no-op), and the subject's last applied sequence is
 * checked — an event that arrives before its predecessor is parked, and applied (with any parked
 * successors) as soon as the gap is filled.
 */
export async function applyOnce(db: Kysely<KitTables>, event: CloudEvent, apply: ApplyEvent): Promise<InboxOutcome> {
  return db.transaction().execute(async (tx) => {
    const fresh = await tx
      .insertInto('kit_inbox')
      .values({ event_id: event.id, source: event.source, type: event.type, subject: event.subject, sequence: event.sequence })
      .onConflict((oc) => oc.doNothing())
      .returning('event_id')
      .executeTakeFirst();
    if (!fresh) return 'duplicate';

    // One round trip creates the subject's position if new and locks it (serializing its events).
    const { last_sequence: last } = await tx
      .insertInto('kit_inbox_positions')
      .values({ source: event.source, subject: event.subject, last_sequence: 0 })
      .onConflict((oc) => oc.columns(['source', 'subject']).doUpdateSet({ last_sequence: sql`kit_inbox_positions.last_sequence` }))
      .returning('last_sequence')
      .executeTakeFirstOrThrow();
    if (event.sequence <= last) return 'duplicate';
    if (event.sequence > last + 1) {
      await tx
        .insertInto('kit_parked_events')
        .values({ event_id: event.id, source: event.source, subject: event.subject, sequence: event.sequence, envelope: JSON.stringify(event) })
        .execute();
      return 'parked';
    }

    await apply(event, tx);
    let applied = event.sequence;
    for (;;) {
      const next = await tx
        .deleteFrom('kit_parked_events')
        .where('source', '=', event.source)
        .where('subject', '=', event.subject)
        .where('sequence', '=', applied + 1)
        .returning('envelope')
        .executeTakeFirst();
      if (!next) break;
      await apply(next.envelope as CloudEvent, tx);
      applied++;
    }
    await tx
      .updateTable('kit_inbox_positions')
      .set({ last_sequence: applied })
      .where('source', '=', event.source)
      .where('subject', '=', event.subject)
      .execute();
    return 'applied';
  });
}

/** Deletes inbox records older than the retention (redeliveries come within minutes, not days). */
export async function sweepInbox(db: Kysely<KitTables>, retentionMs = 7 * 86_400_000): Promise<void> {
  await sql`delete from kit_inbox where handled_at < ${new Date(Date.now() - retentionMs)}`.execute(db);
}
