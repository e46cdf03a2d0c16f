import { Type } from '@sinclair/typebox';
import { sql, type Generated, type Kysely } from 'kysely';
import { defineService, defineTopology, onEvent, startEmbedded, type EmbeddedPlatform, type EventBus } from '../src/index.ts';
import { dropDatabases, testServerUrl, uniquePrefix } from '@mercato/testing';

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

export { eventually } from '@mercato/testing';
