/**
 * The event backbone on RabbitMQ and PostgreSQL under load and failure: a consumer down while
 * 10,000 events are published, and the broker restarted while notes keep being written. Both end
 * with every event applied exactly once, each aggregate's events in order.
 * The other scenarios: events-rabbitmq.test.ts.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql, type Kysely } from 'kysely';
import { createTestVhost, type TestVhost } from '@mercato/testing';
import { AmqpBus, freePort, startRabbitMq, type EmbeddedPlatform, type RabbitMqServer } from '../src/index.ts';
import type { BusLogger } from '../src/events/amqp/connection.ts';
import { addNote, assertExactlyOnce, drained, eventually, noteAdded, startEventPlatform, type AppliedRow } from './event-fixtures.ts';

type Platform = Awaited<ReturnType<typeof startEventPlatform>>;

// The restart test gets a broker of its own (restarting the shared one would hurt other test
// files); it boots now, while the 10,000 events go through the shared one.
const own = { dir: await mkdtemp(join(tmpdir(), 'mercato-events-restart-')), port: await freePort(), broker: undefined as unknown as Promise<RabbitMqServer> };
own.broker = startRabbitMq(own.dir, own.port);
own.broker.catch(() => undefined);
after(async () => {
  await (await own.broker.catch(() => undefined))?.stop();
  await rm(own.dir, { recursive: true, force: true });
});

async function appliedCount(platform: EmbeddedPlatform, consumer: string): Promise<number> {
  const db = platform.services.get(consumer)!.context.db as Kysely<any>;
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from applied`.execute(db);
  return rows[0]!.n;
}

/**
 * Every note the producer committed was published and applied exactly once, and each subject's
 * sequences were applied as 1..n in that order; nothing is left parked.
 */
async function assertAllNotesApplied(platform: EmbeddedPlatform, consumer: string, expected: number): Promise<AppliedRow[]> {
  const producer = platform.services.get('ledger')!.context.db as Kysely<any>;
  const outbox = await sql<{ published: boolean }>`select published_at is not null as published from kit_outbox`.execute(producer);
  const notes = await sql<{ text: string }>`select text from notes`.execute(producer);
  assert.equal(notes.rows.length, expected, 'notes committed');
  assert.equal(outbox.rows.length, expected, 'one event per note');
  assert.ok(outbox.rows.every((r) => r.published), 'the relay published every event');
  const rows = await assertExactlyOnce(platform, consumer);
  assert.equal(rows.length, expected, 'applied rows');
  assert.deepEqual(rows.map((r) => r.text).sort(), notes.rows.map((r) => r.text).sort(), 'every note has its effect');
  return rows;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

describe('events on RabbitMQ: a consumer down while 10,000 events are published, then back', () => {
  let vhost: TestVhost | undefined;
  let platform: Platform | undefined;
  before(async () => {
    vhost = await createTestVhost();
    platform = await startEventPlatform(['counter'], new AmqpBus({ url: vhost.url, name: 'events-rabbitmq-load' }));
  });
  after(async () => {
    try {
      await platform?.stopAll();
    } finally {
      await vhost?.drop();
    }
  });

  it('applies every event exactly once, in per-aggregate order', { timeout: 420_000 }, async () => {
    const total = 10_000;
    const ledgers = 50;
    const batch = 500;
    const producer = platform!.services.get('ledger')!;
    const counter = platform!.services.get('counter')!;
    await counter.events!.stop(); // the consumer is down; its durable queue keeps collecting

    // The fast path: many notes per transaction, and writers in parallel, each on its own ledgers
    // (so they never wait for each other's sequence locks).
    const started = Date.now();
    const db = producer.context.db as Kysely<any>;
    const writers = 5;
    await Promise.all(
      Array.from({ length: writers }, async (_, writer) => {
        for (let first = writer * batch; first < total; first += writers * batch) {
          await db.transaction().execute(async (tx) => {
            const notes = Array.from({ length: batch }, (_, i) => {
              const n = first + i;
              return { id: randomUUID(), ledger: `ledger-${writer + writers * (n % (ledgers / writers))}`, text: `n${n}` };
            });
            await tx.insertInto('notes').values(notes).execute();
            for (const note of notes) await producer.context.events.publish(tx, { type: noteAdded.type, subject: note.ledger, data: { ledger: note.ledger, text: note.text } });
          });
        }
      }),
    );
    const committed = seconds(started);
    await eventually(async () => (await producer.events!.relay!.lag()).pending === 0, 120_000);
    const relayed = seconds(started);
    assert.equal((await platform!.bus.depth('counter')).ready, total, 'every event waits in the queue');
    assert.equal(await appliedCount(platform!, 'counter'), 0);

    const back = Date.now();
    await counter.events!.subscribe();
    await eventually(async () => (await appliedCount(platform!, 'counter')) === total, 240_000);
    const consumed = seconds(back);
    await drained(platform!, 'counter');
    await sleep(200);
    const rows = await assertAllNotesApplied(platform!, 'counter', total);
    assert.equal(new Set(rows.map((r) => r.subject)).size, ledgers);
    console.log(`10,000 events: committed in ${committed}, relayed to RabbitMQ by ${relayed}; applied ${consumed} after the consumer came back`);
  });
});

describe('events on RabbitMQ: the broker restarted mid-stream', () => {
  let platform: Platform | undefined;
  after(() => platform?.stopAll());

  it('loses no note and applies none twice while notes keep being written', { timeout: 300_000 }, async () => {
    let broker = await own.broker;
    const logs: string[] = [];
    const record = (_: unknown, msg: string) => void logs.push(msg);
    const logger = { debug() {}, info: record, warn: record, error: record } as unknown as BusLogger;
    const bus = new AmqpBus({ url: broker.url, name: 'events-restart', logger, publishTimeoutMs: 120_000, reconnect: { initialMs: 100, maxMs: 1_000 } });
    platform = await startEventPlatform(['counter'], bus);

    let written = 0;
    let writing = true;
    const writer = (async () => {
      while (writing) {
        await addNote(platform!, `ledger-${written % 10}`, `w${written}`);
        written++;
        await sleep(5);
      }
    })();
    await eventually(async () => (await appliedCount(platform!, 'counter')) >= 200, 30_000);

    const stoppedAt = Date.now();
    const writtenAtStop = written;
    await broker.stop();
    await sleep(500); // the broker is gone; the outbox keeps filling
    own.broker = startRabbitMq(own.dir, own.port);
    broker = await own.broker;
    const downFor = seconds(stoppedAt);
    const writtenWhileDown = written - writtenAtStop;
    const appliedAtRestart = await appliedCount(platform!, 'counter');
    await eventually(async () => (await appliedCount(platform!, 'counter')) > appliedAtRestart + 100, 60_000); // flowing again
    writing = false;
    await writer;

    const producer = platform.services.get('ledger')!;
    await eventually(async () => (await producer.events!.relay!.lag()).pending === 0, 120_000);
    await eventually(async () => (await appliedCount(platform!, 'counter')) === written, 120_000);
    await drained(platform, 'counter');
    await sleep(300);
    await assertAllNotesApplied(platform, 'counter', written);
    assert.ok(writtenWhileDown > 0, 'notes were committed while the broker was down');
    assert.ok(logs.includes('AMQP connection re-established'), `the bus reconnected: ${[...new Set(logs)].join('; ')}`);
    const retries = logs.filter((m) => m.startsWith('AMQP connect failed') || m.startsWith('AMQP publish')).length;
    console.log(`broker down ${downFor}; ${writtenWhileDown} notes committed meanwhile; ${written} notes in all, each applied once; ${retries} connect/publish retries`);
  });
});
