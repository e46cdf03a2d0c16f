/**
 * The event backbone on RabbitMQ and PostgreSQL: the scenarios of events-embedded.test.ts with the
 * AMQP bus (crash between commit and publish, poison event, seeding from the feed while events keep
 * flowing) and the envelopes checked with the CloudEvents SDK. Each platform gets its own vhost, so
 * its queues (`mercato.<consumer>`) never meet another platform's.
 * Load and broker restart: events-rabbitmq-load.test.ts.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, afterEach, before, describe, it } from 'node:test';
import { context as otelContext, propagation, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { connect } from 'amqplib';
import { CloudEvent as SdkCloudEvent, HTTP, ValidationError } from 'cloudevents';
import { sql, type Kysely } from 'kysely';
import { createTestVhost, type TestVhost } from '@mercato/testing';
import { AmqpBus, OutboxRelay, type CloudEvent, type EmbeddedPlatform } from '../src/index.ts';
import { addNote, appliedInOrder, assertExactlyOnce, consumerBehaviour, drained, eventually, noteAdded, startEventPlatform } from './event-fixtures.ts';

type Platform = Awaited<ReturnType<typeof startEventPlatform>>;

/** A producer (`ledger`) and consumers in the embedded topology, their events on RabbitMQ in a vhost of their own. */
async function startOnRabbitMq(consumers: string[]): Promise<{ platform: Platform; vhost: TestVhost; stop(): Promise<void> }> {
  const vhost = await createTestVhost();
  let platform: Platform;
  try {
    platform = await startEventPlatform(consumers, new AmqpBus({ url: vhost.url, name: 'events-rabbitmq-test' }));
  } catch (err) {
    await vhost.drop();
    throw err;
  }
  return {
    platform,
    vhost,
    async stop() {
      try {
        await platform.stopAll();
      } finally {
        await vhost.drop();
      }
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('events on RabbitMQ: crash between commit and publish', () => {
  let env: Awaited<ReturnType<typeof startOnRabbitMq>> | undefined;
  const relays: OutboxRelay[] = [];
  before(async () => {
    env = await startOnRabbitMq(['counter']);
  });
  after(async () => {
    await Promise.allSettled(relays.map((r) => r.stop()));
    await env?.stop();
  });

  /** The relay a restarted producer process would run. */
  function restartedRelay(platform: Platform): OutboxRelay {
    const svc = platform.services.get('ledger')!;
    const relay = new OutboxRelay(svc.context.db as Kysely<any>, svc.databaseUrl!, platform.bus, svc.context.log, { leaderRetryMs: 100 });
    relays.push(relay);
    return relay;
  }

  it('keeps committed events in the outbox while the producer is down and delivers them after the restart; a rolled-back transaction produces none', { timeout: 60_000 }, async () => {
    const { platform } = env!;
    const svc = platform.services.get('ledger')!;
    await svc.events!.relay!.stop(); // the process "died" right after committing
    for (let i = 1; i <= 5; i++) await addNote(platform, 'ledger-a', `a${i}`);
    await addNote(platform, 'ledger-a', 'never', { rollback: true });
    await addNote(platform, 'ledger-b', 'b1');

    const db = svc.context.db as Kysely<any>;
    const pending = await sql<{ text: string }>`select envelope->'data'->>'text' as text from kit_outbox where published_at is null order by position`.execute(db);
    assert.deepEqual(pending.rows.map((r) => r.text), ['a1', 'a2', 'a3', 'a4', 'a5', 'b1'], 'committed events wait in the outbox; the rolled-back one is not there');
    const notes = await sql<{ n: number }>`select count(*)::int as n from notes where text = 'never'`.execute(db);
    assert.equal(notes.rows[0]!.n, 0, 'the rolled-back state change is gone too');
    await sleep(300);
    assert.equal((await platform.bus.depth('counter')).ready, 0, 'nothing reached the broker');
    assert.deepEqual(await appliedInOrder(platform, 'counter'), []);

    const relay = restartedRelay(platform);
    relay.start();
    await eventually(async () => (await relay.lag()).pending === 0, 20_000);
    await eventually(async () => (await appliedInOrder(platform, 'counter')).length === 6, 20_000);
    await drained(platform, 'counter');
    await relay.stop();

    const rows = await assertExactlyOnce(platform, 'counter');
    assert.deepEqual(rows.filter((r) => r.subject === 'ledger-a').map((r) => [r.sequence, r.text]), [[1, 'a1'], [2, 'a2'], [3, 'a3'], [4, 'a4'], [5, 'a5']]);
    assert.ok(!rows.some((r) => r.text === 'never'), 'the rolled-back transaction never produced an event');
  });

  it('re-sends a batch published but not marked before the crash; the inbox applies each event once', { timeout: 60_000 }, async () => {
    const { platform } = env!;
    const svc = platform.services.get('ledger')!;
    await addNote(platform, 'ledger-c', 'c1'); // no relay runs: both stay pending
    await addNote(platform, 'ledger-c', 'c2');
    const db = svc.context.db as Kysely<any>;
    const pending = await sql<{ envelope: CloudEvent }>`select envelope from kit_outbox where published_at is null order by position`.execute(db);
    assert.equal(pending.rows.length, 2);
    await platform.bus.publish(pending.rows.map((r) => r.envelope)); // confirmed by RabbitMQ, then "crashed" before marking

    const relay = restartedRelay(platform);
    relay.start();
    await eventually(async () => (await relay.lag()).pending === 0, 20_000);
    await eventually(async () => (await appliedInOrder(platform, 'counter')).filter((r) => r.subject === 'ledger-c').length === 2, 20_000);
    await drained(platform, 'counter'); // the second copies were delivered and acknowledged too
    await relay.stop();

    const rows = await assertExactlyOnce(platform, 'counter');
    assert.deepEqual(rows.filter((r) => r.subject === 'ledger-c').map((r) => r.text), ['c1', 'c2']);
  });
});

describe('events on RabbitMQ: a poison event', () => {
  let env: Awaited<ReturnType<typeof startOnRabbitMq>> | undefined;
  before(async () => {
    env = await startOnRabbitMq(['counter']);
  });
  after(() => env?.stop());
  afterEach(() => {
    consumerBehaviour.fail = () => false;
  });

  it('goes to the dead-letter queue after maxAttempts without blocking the events behind it; replay after a fix applies it once', { timeout: 60_000 }, async () => {
    const { platform } = env!;
    const counter = platform.services.get('counter')!;
    // The bus defaults (5 attempts, first retry after 1 s) dead-letter after ~15 s: shorter here.
    await counter.events!.stop();
    await counter.events!.subscribe({ maxAttempts: 3, retryBaseDelayMs: 500 });
    let poisonAttempts = 0;
    consumerBehaviour.fail = (text) => text === 'poison' && ++poisonAttempts > 0;

    await addNote(platform, 'ledger-p', 'poison'); // ledger-p #1
    await addNote(platform, 'ledger-p', 'p2'); // ledger-p #2: must wait for #1
    for (let i = 1; i <= 5; i++) await addNote(platform, 'ledger-q', `q${i}`);
    await eventually(async () => (await appliedInOrder(platform, 'counter')).filter((r) => r.subject === 'ledger-q').length === 5, 20_000);
    assert.ok(poisonAttempts < 3, `the events behind the poison were applied while it was still being retried (attempt ${poisonAttempts})`);

    await eventually(async () => (await platform.bus.deadLetters('counter')).length === 1, 20_000);
    const [dead] = await platform.bus.deadLetters('counter');
    assert.equal(dead!.attempts, 3);
    assert.equal(dead!.error, 'refusing poison');
    assert.deepEqual([dead!.event.subject, dead!.event.sequence, (dead!.event.data as { text: string }).text], ['ledger-p', 1, 'poison']);
    assert.equal(poisonAttempts, 3);
    assert.equal((await platform.bus.depth('counter')).deadLettered, 1);

    // Its successor on the same aggregate is held (parked), other aggregates keep flowing.
    await drained(platform, 'counter');
    assert.deepEqual((await appliedInOrder(platform, 'counter')).filter((r) => r.subject === 'ledger-p'), []);
    const consumerDb = counter.context.db as Kysely<any>;
    const parked = await sql<{ sequence: number }>`select sequence from kit_parked_events where subject = 'ledger-p'`.execute(consumerDb);
    assert.deepEqual(parked.rows.map((r) => r.sequence), [2]);
    await addNote(platform, 'ledger-q', 'q6');
    await eventually(async () => (await appliedInOrder(platform, 'counter')).some((r) => r.text === 'q6'), 20_000);

    consumerBehaviour.fail = () => false; // the fix
    assert.equal(await platform.bus.replayDeadLetters('counter'), 1);
    await eventually(async () => (await appliedInOrder(platform, 'counter')).filter((r) => r.subject === 'ledger-p').length === 2, 20_000);
    await drained(platform, 'counter');
    await sleep(300);
    assert.equal(await platform.bus.replayDeadLetters('counter'), 0);
    assert.deepEqual(await platform.bus.deadLetters('counter'), []);
    const rows = await assertExactlyOnce(platform, 'counter');
    assert.deepEqual(rows.filter((r) => r.subject === 'ledger-p').map((r) => r.text), ['poison', 'p2'], 'applied once, then its parked successor');
    assert.equal(poisonAttempts, 3, 'the replay ran the fixed handler, not the failing one');
  });
});

describe('events on RabbitMQ: a new consumer seeded from the feed while events keep flowing', () => {
  let env: Awaited<ReturnType<typeof startOnRabbitMq>> | undefined;
  before(async () => {
    env = await startOnRabbitMq(['live', 'late']);
  });
  after(() => env?.stop());

  it('ends with the same state as a consumer that saw everything live', { timeout: 90_000 }, async () => {
    const { platform, vhost } = env!;
    const late = platform.services.get('late')!;
    // "late" does not exist yet: no subscription and no queue, so the first events never reach it.
    await late.events!.stop();
    await deleteQueue(vhost.url, 'mercato.late');

    const total = 700;
    let written = 0;
    const writer = (async () => {
      for (; written < total; written++) {
        await addNote(platform, `ledger-${written % 6}`, `n${written}`);
        await sleep(3); // a steady stream, still flowing while "late" catches up
      }
    })();
    await eventually(async () => written >= 100, 30_000);
    const beforeSubscribing = written;
    await late.events!.subscribe(); // the new consumer's queue exists from here…
    await late.events!.catchUp(); // …and the feed fills in everything before it
    const afterCatchUp = written;
    await writer;
    const flow = `${beforeSubscribing} notes before subscribing, ${afterCatchUp} after catching up, ${total} in all`;
    assert.ok(beforeSubscribing > 0 && beforeSubscribing < afterCatchUp && afterCatchUp < total, `events kept flowing during the catch-up: ${flow}`);

    await eventually(async () => (await appliedInOrder(platform, 'live')).length === total && (await appliedInOrder(platform, 'late')).length === total, 60_000);
    await Promise.all([drained(platform, 'live'), drained(platform, 'late')]);
    await assertExactlyOnce(platform, 'live');
    await assertExactlyOnce(platform, 'late'); // including the first events, which only the feed had
    assert.equal(await storeHash(platform, 'late'), await storeHash(platform, 'live'));
  });
});

describe('events on RabbitMQ: envelopes are CloudEvents 1.0', () => {
  let env: Awaited<ReturnType<typeof startOnRabbitMq>> | undefined;
  before(async () => {
    env = await startOnRabbitMq(['counter']);
  });
  after(() => env?.stop());

  it('construct and validate with the cloudevents SDK, with the sequence and distributed-tracing extensions', { timeout: 60_000 }, async () => {
    const { platform } = env!;
    const upstream = trace.getTracer('events-rabbitmq-test');
    const traceId = await upstream.startActiveSpan('gateway request', async (span) => {
      try {
        await addNote(platform, 'ledger-t', 'traced');
        return span.spanContext().traceId;
      } finally {
        span.end();
      }
    });
    const remoteParent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const remote = propagation.extract(ROOT_CONTEXT, { traceparent: remoteParent, tracestate: 'mercato=t2,vendor=x' });
    await otelContext.with(remote, () => addNote(platform, 'ledger-t', 'with-state'));
    await addNote(platform, 'ledger-u', 'untraced');
    await eventually(async () => (await platform.services.get('ledger')!.events!.relay!.lag()).pending === 0, 20_000);

    const page: { items: Array<Record<string, unknown>> } = await platform.services.get('counter')!.context.client('ledger').json('/api/ledger/events', { query: { limit: 100 } });
    assert.equal(page.items.length, 3);
    for (const item of page.items) {
      const event = new SdkCloudEvent<unknown>(item); // strict: validates while constructing
      assert.equal(event.validate(), true);
      assert.equal(event.specversion, '1.0');
      assert.equal(event.source, '/mercato/ledger');
      assert.equal(event.type, noteAdded.type);
      assert.match(event.type, /^mercato\.[a-z]+\.[a-z]+\.[a-z]+\.v\d+$/);
      assert.equal(event.datacontenttype, 'application/json');
      assert.equal(event.id, item.id);
      assert.equal(event.time, item.time, 'time is already RFC 3339 UTC');
      assert.equal(event.subject, item.subject);
      assert.equal(event.sequence, item.sequence, 'sequence is an extension attribute');
      assert.ok(Number.isInteger(event.sequence) && (event.sequence as number) >= 1);
      assert.deepEqual(event.data, item.data);
      // The structured-mode wire format, as an HTTP or AMQP receiver parses it.
      const parsed = HTTP.toEvent({ headers: { 'content-type': 'application/cloudevents+json; charset=utf-8' }, body: JSON.stringify(item) });
      assert.ok(parsed instanceof SdkCloudEvent);
      assert.equal(parsed.validate(), true);
      assert.deepEqual(JSON.parse(JSON.stringify(parsed)), item, 'round-trips unchanged');
    }

    const byText = new Map(page.items.map((item) => [(item.data as { text: string }).text, item]));
    const traced = byText.get('traced')!;
    assert.match(String(traced.traceparent), /^00-[0-9a-f]{32}-[0-9a-f]{16}-0[0-9a-f]$/);
    assert.equal(String(traced.traceparent).split('-')[1], traceId, 'the trace started upstream continues in the event');
    assert.equal(byText.get('with-state')!.traceparent, remoteParent);
    assert.equal(byText.get('with-state')!.tracestate, 'mercato=t2,vendor=x');
    assert.equal(byText.get('untraced')!.traceparent, undefined);
    assert.equal(byText.get('untraced')!.tracestate, undefined);

    // The validator is not a rubber stamp: broken envelopes are refused.
    assert.throws(() => new SdkCloudEvent({ ...traced, source: undefined }), ValidationError);
    assert.throws(() => new SdkCloudEvent({ ...traced, trace_parent: 'x' }), ValidationError);
  });
});

/** Deletes a queue on the vhost (a consumer that never existed has none). */
async function deleteQueue(url: string, queue: string): Promise<void> {
  const conn = await connect(url);
  try {
    const channel = await conn.createChannel();
    await channel.deleteQueue(queue);
    await channel.close();
  } finally {
    await conn.close();
  }
}

/** A hash of a consumer's whole store, independent of the order rows were applied in. */
async function storeHash(platform: EmbeddedPlatform, consumer: string): Promise<string> {
  const rows = [...(await appliedInOrder(platform, consumer))].sort((a, b) => a.subject.localeCompare(b.subject) || a.sequence - b.sequence);
  return createHash('sha256').update(JSON.stringify(rows)).digest('hex');
}
