/**
 * The batched inbox on PostgreSQL: several deliveries per transaction, a failing event rolled back
 * alone, parking across batches, and concurrent lanes keeping each subject's order.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { sql, type Kysely, type Transaction } from 'kysely';
import { ApplyLanes } from '../src/events/apply-lanes.ts';
import type { CloudEvent } from '../src/events/envelope.ts';
import { applyBatch } from '../src/events/inbox-batch.ts';
import type { BatchResult } from '../src/events/inbox.ts';
import { appliedInOrder, noteAdded, startEventPlatform } from './event-fixtures.ts';

type Platform = Awaited<ReturnType<typeof startEventPlatform>>;

/** An event of the test contract about `subject`, number `sequence` of that subject. */
function note(subject: string, sequence: number, text = `${subject}#${sequence}`): CloudEvent {
  return {
    specversion: '1.0',
    id: crypto.randomUUID(),
    source: '/mercato/ledger',
    type: noteAdded.type,
    subject,
    time: new Date().toISOString(),
    datacontenttype: 'application/json',
    sequence,
    data: { ledger: subject, text },
  };
}

const outcomes = (results: BatchResult[]) => results.map((r) => ('outcome' in r ? r.outcome : `error: ${(r.error as Error).message}`));

describe('events: the batched inbox', () => {
  let platform: Platform;
  let db: Kysely<any>;
  /** Handler calls, by event text (a rolled-back attempt counts too). */
  let calls: Map<string, number>;
  let refuse: (text: string) => boolean;

  /** The consumer's effect: one row in `applied`, refused for the texts `refuse` names. */
  async function effect(event: CloudEvent, tx: Transaction<any>): Promise<void> {
    const { text } = event.data as { text: string };
    calls.set(text, (calls.get(text) ?? 0) + 1);
    if (refuse(text)) throw new Error(`refusing ${text}`);
    await tx.insertInto('applied').values({ event_id: event.id, subject: event.subject, sequence: event.sequence, text }).execute();
  }

  before(async () => {
    platform = await startEventPlatform(['counter']);
    await platform.services.get('counter')!.events!.stop(); // these tests drive the inbox themselves
    db = platform.services.get('counter')!.context.db as Kysely<any>;
  });
  after(() => platform?.stopAll());
  beforeEach(() => {
    calls = new Map();
    refuse = () => false;
  });

  it('commits the other events of a batch exactly once when one of them fails; a redelivery of the failed one applies it', async () => {
    const a1 = note('poison-a', 1);
    const bad = note('poison-b', 1, 'bad');
    const a2 = note('poison-a', 2);
    const c1 = note('poison-c', 1);
    refuse = (text) => text === 'bad';
    const results = await applyBatch(db, [a1, bad, a2, c1], effect);
    assert.deepEqual(outcomes(results), ['applied', 'error: refusing bad', 'applied', 'applied']);
    const rows = (await appliedInOrder(platform, 'counter')).filter((r) => r.subject.startsWith('poison-'));
    assert.deepEqual(rows.map((r) => r.text).sort(), ['poison-a#1', 'poison-a#2', 'poison-c#1']);
    assert.deepEqual(rows.map((r) => r.event_id).sort(), [a1.id, a2.id, c1.id].sort(), 'each committed once');
    assert.equal(calls.get('bad'), 1, 'the failing handler ran once for this delivery');

    refuse = () => false;
    assert.deepEqual(outcomes(await applyBatch(db, [bad, a1], effect)), ['applied', 'duplicate'], 'the failed event left no inbox record behind');
    assert.equal((await appliedInOrder(platform, 'counter')).filter((r) => r.text === 'bad').length, 1);
  });

  it('rolls back each of several failing events alone (savepoints after the second failure)', async () => {
    const events = Array.from({ length: 12 }, (_, i) => note(`many-${i % 4}`, Math.floor(i / 4) + 1, i % 5 === 0 ? `bad-${i}` : `good-${i}`));
    refuse = (text) => text.startsWith('bad-');
    const results = outcomes(await applyBatch(db, events, effect));
    // bad-0, bad-5 and bad-10 fail; their subjects' later events wait parked.
    assert.deepEqual(results, events.map((e) => {
      const { text } = e.data as { text: string };
      if (text.startsWith('bad-')) return `error: refusing ${text}`;
      return ['good-4', 'good-8', 'good-9'].includes(text) ? 'parked' : 'applied';
    }));
    for (const text of ['bad-0', 'bad-5', 'bad-10']) assert.equal(calls.get(text), 1, `${text} ran once`);
    const rows = (await appliedInOrder(platform, 'counter')).filter((r) => r.subject.startsWith('many-'));
    assert.deepEqual(rows.map((r) => r.text).sort(), ['good-1', 'good-2', 'good-3', 'good-6', 'good-7', 'good-11'].sort(), 'the others committed once');
  });

  it('parks the successor of a failed event in the same batch and applies it once the failed one is redelivered', async () => {
    const p1 = note('held', 1, 'bad');
    const p2 = note('held', 2);
    refuse = (text) => text === 'bad';
    assert.deepEqual(outcomes(await applyBatch(db, [p1, p2], effect)), ['error: refusing bad', 'parked']);
    assert.deepEqual(await parkedSequences(db, 'held'), [2]);

    refuse = () => false;
    assert.deepEqual(outcomes(await applyBatch(db, [p1], effect)), ['applied']);
    const rows = (await appliedInOrder(platform, 'counter')).filter((r) => r.subject === 'held');
    assert.deepEqual(rows.map((r) => r.sequence), [1, 2], 'the parked successor followed in the same transaction');
    assert.deepEqual(await parkedSequences(db, 'held'), []);
  });

  it('applies a subject in sequence order within a batch, parks what lies beyond a gap, and ignores redeliveries', async () => {
    const e = [1, 2, 3, 4, 5].map((n) => note('gappy', n));
    assert.deepEqual(outcomes(await applyBatch(db, [e[1]!, e[0]!, e[3]!, e[0]!], effect)), ['applied', 'applied', 'parked', 'duplicate']);
    assert.deepEqual(await parkedSequences(db, 'gappy'), [4]);
    // 5 lies beyond the gap at 4 when the batch is planned; 3 fills the gap, so 4 and then 5 follow in the same transaction.
    assert.deepEqual(outcomes(await applyBatch(db, [e[4]!, e[2]!, e[1]!], effect)), ['parked', 'applied', 'duplicate']);
    const rows = (await appliedInOrder(platform, 'counter')).filter((r) => r.subject === 'gappy');
    assert.deepEqual(rows.map((r) => r.sequence), [1, 2, 3, 4, 5]);
    assert.deepEqual(await parkedSequences(db, 'gappy'), []);
    assert.deepEqual([...calls.values()], [1, 1, 1, 1, 1], 'each effect ran once');
  });

  it('keeps each subject in order while lanes apply different subjects at the same time', async () => {
    const subjects = Array.from({ length: 24 }, (_, i) => `lane-${i}`);
    const perSubject = 40;
    let open = 0;
    let mostOpen = 0;
    let transactions = 0;
    const lanes = new ApplyLanes(
      async (events) => {
        transactions++;
        mostOpen = Math.max(mostOpen, ++open);
        try {
          return await applyBatch(db, events, async (event, tx) => {
            await effect(event, tx);
            await new Promise((r) => setTimeout(r, Math.random() * 2)); // uneven effects: lanes drift apart
          });
        } finally {
          open--;
        }
      },
      { lanes: 4, maxBatch: 25 },
    );
    // Deliveries arrive interleaved across subjects, in order within each, in bursts of varying size.
    const events = Array.from({ length: perSubject }, (_, k) => subjects.map((s) => note(s, k + 1))).flat();
    const deliveries: Promise<unknown>[] = [];
    for (let i = 0; i < events.length; ) {
      const burst = 1 + Math.floor(Math.random() * 60);
      for (const event of events.slice(i, i + burst)) deliveries.push(lanes.apply(event));
      i += burst;
      await new Promise((r) => setTimeout(r, Math.random() * 3));
    }
    assert.ok((await Promise.all(deliveries)).every((outcome) => outcome === 'applied'));

    const rows = (await appliedInOrder(platform, 'counter')).filter((r) => r.subject.startsWith('lane-'));
    assert.equal(rows.length, events.length);
    for (const subject of subjects) {
      assert.deepEqual(rows.filter((r) => r.subject === subject).map((r) => r.sequence), Array.from({ length: perSubject }, (_, k) => k + 1), `${subject} in order`);
    }
    assert.ok(mostOpen > 1, 'lanes ran transactions at the same time');
    assert.ok(transactions < events.length / 5, `deliveries shared transactions (${transactions} for ${events.length})`);
    const parked = await sql<{ n: number }>`select count(*)::int as n from kit_parked_events where subject like 'lane-%'`.execute(db);
    assert.equal(parked.rows[0]!.n, 0, 'nothing overtook its predecessor');
  });
});

async function parkedSequences(db: Kysely<any>, subject: string): Promise<number[]> {
  const { rows } = await sql<{ sequence: number }>`select sequence from kit_parked_events where subject = ${subject} order by sequence`.execute(db);
  return rows.map((r) => r.sequence);
}
