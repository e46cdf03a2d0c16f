import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, afterEach, before, describe, it } from 'node:test';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { EventContractError, OutboxRelay, type CloudEvent, type EventBus } from '../src/index.ts';
import { addNote, appliedBy, consumerBehaviour, eventually, noteAdded, startEventPlatform } from './event-fixtures.ts';

type Platform = Awaited<ReturnType<typeof startEventPlatform>>;

describe('events: outbox, relay, inbox, dead letters, feed (embedded bus)', () => {
  let platform: Platform;
  before(async () => {
    platform = await startEventPlatform(['counter']);
  });
  after(() => platform?.stopAll());
  afterEach(() => {
    consumerBehaviour.fail = () => false;
  });

  it('delivers committed events in per-aggregate order with gapless sequences; a rolled-back transaction produces none', async () => {
    for (let i = 1; i <= 5; i++) await addNote(platform, 'ledger-a', `a${i}`);
    await addNote(platform, 'ledger-a', 'never', { rollback: true });
    await addNote(platform, 'ledger-b', 'b1');
    await eventually(async () => (await appliedBy(platform, 'counter')).length === 6);
    const applied = await appliedBy(platform, 'counter');
    assert.deepEqual(
      applied.filter((a) => a.subject === 'ledger-a').map((a) => [a.sequence, a.text]),
      [[1, 'a1'], [2, 'a2'], [3, 'a3'], [4, 'a4'], [5, 'a5']],
    );
    assert.ok(!applied.some((a) => a.text === 'never'));
  });

  it('refuses to publish data that breaks the event contract, rolling back the state change', async () => {
    const svc = platform.services.get('ledger')!;
    await assert.rejects(
      (svc.context.db as Kysely<any>).transaction().execute((tx) => svc.context.events.publish(tx, { type: noteAdded.type, subject: 'x', data: { ledger: 1 } })),
      EventContractError,
    );
    await assert.rejects(
      (svc.context.db as Kysely<any>).transaction().execute((tx) => svc.context.events.publish(tx, { type: 'mercato.ledger.note.removed.v1', subject: 'x', data: {} })),
      EventContractError,
    );
  });

  it('applies a redelivered event once, and holds an early event until its predecessor arrives', async () => {
    const consumer = platform.services.get('counter')!;
    const base: Omit<CloudEvent, 'id' | 'sequence' | 'data'> = {
      specversion: '1.0', source: '/mercato/ledger', type: noteAdded.type, subject: 'ledger-manual', time: new Date().toISOString(), datacontenttype: 'application/json',
    };
    const e1 = { ...base, id: crypto.randomUUID(), sequence: 1, data: { ledger: 'ledger-manual', text: 'm1' } } as CloudEvent;
    const e2 = { ...base, id: crypto.randomUUID(), sequence: 2, data: { ledger: 'ledger-manual', text: 'm2' } } as CloudEvent;
    await consumer.events!.apply(e2);
    assert.deepEqual((await appliedBy(platform, 'counter')).filter((a) => a.subject === 'ledger-manual'), [], 'e2 is parked');
    await consumer.events!.apply(e1);
    await consumer.events!.apply(e1);
    await consumer.events!.apply(e2);
    const manual = (await appliedBy(platform, 'counter')).filter((a) => a.subject === 'ledger-manual');
    assert.deepEqual(manual.map((a) => a.text), ['m1', 'm2']);
  });

  it('dead-letters a poison event after its attempts without blocking the events behind it; replay applies it once', async () => {
    consumerBehaviour.fail = (text) => text === 'poison';
    await addNote(platform, 'ledger-p', 'poison');
    await addNote(platform, 'ledger-q', 'after-poison');
    await eventually(async () => (await appliedBy(platform, 'counter')).some((a) => a.text === 'after-poison'));
    await eventually(async () => (await platform.bus.deadLetters('counter')).length === 1);
    const dead = await platform.bus.deadLetters('counter');
    assert.equal((dead[0]!.event.data as { text: string }).text, 'poison');
    assert.equal(dead[0]!.attempts, 5);

    consumerBehaviour.fail = () => false;
    assert.equal(await platform.bus.replayDeadLetters('counter'), 1);
    assert.equal(await platform.bus.replayDeadLetters('counter'), 0);
    const poison = (await appliedBy(platform, 'counter')).filter((a) => a.text === 'poison');
    assert.equal(poison.length, 1);
  });

  it('re-sends after a crash between publishing and marking, and the inbox absorbs the duplicates', async () => {
    const svc = platform.services.get('ledger')!;
    await svc.events!.relay!.stop();
    await addNote(platform, 'ledger-c', 'c1');
    await addNote(platform, 'ledger-c', 'c2');
    const db = svc.context.db as Kysely<any>;
    const pending = await sql<{ envelope: CloudEvent }>`select envelope from kit_outbox where published_at is null order by position`.execute(db);
    assert.equal(pending.rows.length, 2, 'committed but not yet relayed');
    await platform.bus.publish(pending.rows.map((r) => r.envelope)); // published, then "crashed" before marking
    const relay = new OutboxRelay(db, dbUrlOf(platform, 'ledger'), platform.bus, svc.context.log);
    relay.start();
    await eventually(async () => (await relay.lag()).pending === 0);
    await relay.stop();
    const c = (await appliedBy(platform, 'counter')).filter((a) => a.subject === 'ledger-c');
    assert.deepEqual(c.map((a) => a.text), ['c1', 'c2']);
  });

  it('lets only one of two relay replicas publish, and the other take over when it stops', async () => {
    const svc = platform.services.get('ledger')!;
    const db = svc.context.db as Kysely<any>;
    const counting = countingBus(platform.bus);
    const a = new OutboxRelay(db, dbUrlOf(platform, 'ledger'), counting, svc.context.log, { leaderRetryMs: 100 });
    const b = new OutboxRelay(db, dbUrlOf(platform, 'ledger'), counting, svc.context.log, { leaderRetryMs: 100 });
    a.start();
    await eventually(async () => a.leader);
    b.start();
    for (let i = 0; i < 20; i++) await addNote(platform, 'ledger-r', `r${i}`);
    await eventually(async () => (await a.lag()).pending === 0);
    assert.equal(b.leader, false);
    await a.stop();
    await eventually(async () => b.leader);
    for (let i = 20; i < 30; i++) await addNote(platform, 'ledger-r', `r${i}`);
    await eventually(async () => (await b.lag()).pending === 0);
    await b.stop();
    assert.equal(new Set(counting.ids).size, counting.ids.length, 'no event published twice');
    const r = (await appliedBy(platform, 'counter')).filter((x) => x.subject === 'ledger-r');
    assert.deepEqual(r.map((x) => x.sequence), Array.from({ length: 30 }, (_, i) => i + 1));
  });

  it('serves the history as an ordered, paged feed', async () => {
    const consumer = platform.services.get('counter')!;
    const events: CloudEvent[] = [];
    let after: string | undefined;
    for (;;) {
      const page: { items: CloudEvent[]; nextCursor: string | null } = await consumer.context.client('ledger').json('/api/ledger/events', { query: { limit: 7, after } });
      events.push(...page.items);
      if (!page.nextCursor) break;
      after = page.nextCursor;
    }
    assert.ok(events.length >= 30);
    const bySubject = new Map<string, number[]>();
    for (const e of events) bySubject.set(e.subject, [...(bySubject.get(e.subject) ?? []), e.sequence]);
    for (const [subject, sequences] of bySubject) assert.deepEqual(sequences, sequences.map((_, i) => i + 1), subject);
  });
});

describe('events: a new consumer seeded from the feed while events keep flowing', () => {
  let platform: Platform;
  before(async () => {
    platform = await startEventPlatform(['live', 'late']);
  });
  after(() => platform?.stopAll());

  it('ends with the same state as a consumer that saw everything live', async () => {
    const late = platform.services.get('late')!;
    await late.events!.stop(); // "late" does not exist yet: it misses the first half
    const writer = (async () => {
      for (let i = 0; i < 60; i++) await addNote(platform, `ledger-${i % 6}`, `n${i}`);
    })();
    await new Promise((r) => setTimeout(r, 150));
    await late.events!.subscribe(); // the new consumer's queue exists from here…
    await late.events!.catchUp(); // …and history fills everything before it
    await writer;
    await eventually(async () => (await appliedBy(platform, 'live')).length === 60 && (await appliedBy(platform, 'late')).length === 60);
    assert.equal(hash(await appliedBy(platform, 'late')), hash(await appliedBy(platform, 'live')));
  });
});

function hash(rows: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(rows)).digest('hex');
}

function dbUrlOf(platform: Platform, service: string): string {
  return platform.services.get(service)!.databaseUrl!;
}

function countingBus(bus: EventBus): EventBus & { ids: string[] } {
  const ids: string[] = [];
  return Object.assign(Object.create(bus) as EventBus, {
    ids,
    publish: async (events: readonly CloudEvent[]) => {
      ids.push(...events.map((e) => e.id));
      await bus.publish(events);
    },
  });
}
