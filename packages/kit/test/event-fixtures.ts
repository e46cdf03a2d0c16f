import assert from 'node:assert/strict';
import { Type } from '@sinclair/typebox';
import { sql, type Generated, type Kysely } from 'kysely';
import { defineService, defineTopology, onEvent, startEmbedded, type EmbeddedPlatform, type EventBus } from '../src/index.ts';
import { dropDatabases, eventually, testServerUrl, uniquePrefix } from '@mercato/testing';

/** The contract of the test event: a note added to a ledger. */
export const noteAdded = { type: 'mercato.ledger.note.added.v1', schema: Type.Object({ ledger: Type.String(), text: Type.String() }) };

interface ProducerTables {
  notes: { id: string; ledger: string; text: string };
}
interface ConsumerTables {
  /** `applied_order` numbers rows in the order they were applied (per subject, the inbox serializes). */
  applied: { event_id: string; subject: string; sequence: number; text: string; applied_order: Generated<string> };
}

/** How the consumer reacts; tests swap it to inject failures. */
export const consumerBehaviour = { fail: (_text: string): boolean => false };

/** A producer that writes notes and publishes `note.added` through its outbox. */
export const ledger = defineService<ProducerTables>({
  name: 'ledger',
  description: 'Event test producer',
  migrations: {
    '0001': {
      up: async (db) => void (await db.schema.createTable('notes').addColumn('id', 'text', (c) => c.primaryKey()).addColumn('ledger', 'text').addColumn('text', 'text').execute()),
    },
  },
  publishes: [noteAdded],
  routes: () => undefined,
});

/** Builds a consumer service (several can exist, each with its own database and queue). */
export function consumerService(name: string) {
  return defineService<ConsumerTables>({
    name,
    description: 'Event test consumer',
    migrations: {
      '0001': {
        up: async (db) =>
          void (await sql`create table applied (event_id uuid primary key, subject text not null, sequence int not null, text text not null, applied_order bigserial not null)`.execute(db)),
      },
    },
    consumes: [
      onEvent<ConsumerTables>(noteAdded, async (event, tx) => {
        const data = event.data as { text: string };
        if (consumerBehaviour.fail(data.text)) throw new Error(`refusing ${data.text}`);
        await tx.insertInto('applied').values({ event_id: event.id, subject: event.subject, sequence: event.sequence, text: data.text }).execute();
      }),
    ],
    routes: () => undefined,
  });
}

/** Writes a note and publishes its event in one transaction (or rolls both back). */
export async function addNote(platform: EmbeddedPlatform, ledgerId: string, text: string, options: { rollback?: boolean } = {}): Promise<void> {
  const svc = platform.services.get('ledger')!;
  const db = svc.context.db as Kysely<ProducerTables>;
  await db
    .transaction()
    .execute(async (tx) => {
      await tx.insertInto('notes').values({ id: crypto.randomUUID(), ledger: ledgerId, text }).execute();
      await svc.context.events.publish(tx as never, { type: noteAdded.type, subject: ledgerId, data: { ledger: ledgerId, text } });
      if (options.rollback) throw new Error('rollback');
    })
    .catch((error: Error) => {
      if (!options.rollback || error.message !== 'rollback') throw error;
    });
}

/** What a consumer applied, in order of application. */
export async function appliedBy(platform: EmbeddedPlatform, consumer: string): Promise<Array<{ subject: string; sequence: number; text: string }>> {
  const db = platform.services.get(consumer)!.context.db as Kysely<ConsumerTables>;
  return db.selectFrom('applied').select(['subject', 'sequence', 'text']).orderBy('subject').orderBy('sequence').execute();
}

/** Starts a producer and the given consumers in one embedded platform on fresh databases. */
export async function startEventPlatform(consumers: string[] = ['counter'], bus?: EventBus): Promise<EmbeddedPlatform & { stopAll(): Promise<void> }> {
  const services: Record<string, { load: () => Promise<{ default: never }>; calls: string[] }> = {
    ledger: { load: async () => ({ default: ledger as never }), calls: [] },
  };
  for (const name of consumers) services[name] = { load: async () => ({ default: consumerService(name) as never }), calls: ['ledger'] };
  const serverUrl = await testServerUrl();
  const prefix = uniquePrefix();
  const platform = await startEmbedded({ topology: defineTopology({ services }), serverUrl, databasePrefix: prefix, port: 0, logLevel: 'silent', bus });
  return Object.assign(platform, { stopAll: async () => (await platform.close(), await dropDatabases(serverUrl, prefix)) });
}

export { eventually };

/** One row of a consumer's `applied` table. */
export interface AppliedRow {
  event_id: string;
  subject: string;
  sequence: number;
  text: string;
}

/** A consumer's `applied` table in order of application. */
export async function appliedInOrder(platform: EmbeddedPlatform, consumer: string): Promise<AppliedRow[]> {
  const db = platform.services.get(consumer)!.context.db as Kysely<any>;
  const { rows } = await sql<AppliedRow>`select event_id, subject, sequence, text from applied order by applied_order`.execute(db);
  return rows;
}

/** Resolves once the consumer's queue is empty and nothing is in flight (duplicates included). */
export async function drained(platform: EmbeddedPlatform, consumer: string, timeoutMs = 30_000): Promise<void> {
  await eventually(async () => {
    const depth = await platform.bus.depth(consumer);
    return depth.ready === 0 && depth.unacknowledged === 0;
  }, timeoutMs);
}

/** Every published event applied once, each subject's sequences 1..n in order of application, nothing parked. */
export async function assertExactlyOnce(platform: EmbeddedPlatform, consumer: string): Promise<AppliedRow[]> {
  const rows = await appliedInOrder(platform, consumer);
  const producer = platform.services.get('ledger')!.context.db as Kysely<any>;
  const outbox = await sql<{ id: string }>`select id from kit_outbox`.execute(producer);
  assert.equal(new Set(rows.map((r) => r.event_id)).size, rows.length, 'no event applied twice');
  assert.deepEqual(rows.map((r) => r.event_id).sort(), outbox.rows.map((r) => r.id).sort(), 'every published event applied');
  const bySubject = new Map<string, number[]>();
  for (const r of rows) bySubject.set(r.subject, [...(bySubject.get(r.subject) ?? []), r.sequence]);
  for (const [subject, sequences] of bySubject) assert.deepEqual(sequences, sequences.map((_, i) => i + 1), `${subject} applied in order`);
  const consumerDb = platform.services.get(consumer)!.context.db as Kysely<any>;
  const parked = await sql<{ n: number }>`select count(*)::int as n from kit_parked_events`.execute(consumerDb);
  assert.equal(parked.rows[0]!.n, 0, 'nothing left parked');
  return rows;
}
