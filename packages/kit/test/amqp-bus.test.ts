import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createTestVhost, type TestVhost } from '@mercato/testing';
import { AmqpBus } from '../src/events/amqp-bus.ts';
import type { BusLogger } from '../src/events/amqp/connection.ts';
import type { CloudEvent } from '../src/events/envelope.ts';
import { freePort } from '../src/runtime/ports.ts';
import { startRabbitMq, type RabbitMqServer } from '../src/runtime/rabbitmq-server.ts';

const TYPE = 'mercato.test.thing.happened.v1';

/** `n` events about one subject, sequence numbers from `first`. */
function events(n: number, first = 1): CloudEvent<{ n: number }>[] {
  return Array.from({ length: n }, (_, i) => ({
    specversion: '1.0',
    id: randomUUID(),
    source: '/mercato/test',
    type: TYPE,
    subject: 'thing_1',
    time: new Date().toISOString(),
    datacontenttype: 'application/json',
    sequence: first + i,
    data: { n: first + i },
  }));
}

async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// The restart test gets a broker of its own (restarting the shared one would hurt other test
// files); it boots now, while the shared-broker tests run.
const own = { dir: await mkdtemp(join(tmpdir(), 'mercato-amqp-restart-')), port: await freePort(), broker: undefined as unknown as Promise<RabbitMqServer> };
own.broker = startRabbitMq(own.dir, own.port);
own.broker.catch(() => undefined);
after(async () => {
  await (await own.broker.catch(() => undefined))?.stop();
  await rm(own.dir, { recursive: true, force: true });
});

describe('AmqpBus on a shared broker (own vhost)', () => {
  let vhost: TestVhost;
  let bus: AmqpBus;
  before(async () => {
    vhost = await createTestVhost();
    bus = new AmqpBus({ url: vhost.url, name: 'amqp-bus-test' });
  });
  after(async () => {
    await bus.close();
    await vhost.drop();
  });

  it('delivers events in publish order to a single consumer with prefetch 1', async () => {
    const seen: number[] = [];
    const sub = await bus.consume({ service: 'ordered', types: [TYPE], prefetch: 1 }, async (e) => void seen.push(e.sequence));
    const sent = events(300);
    await bus.publish(sent);
    await waitFor(() => seen.length >= sent.length, 'all events');
    assert.deepEqual(seen, sent.map((e) => e.sequence));
    await sub.close();
  });

  it('resolves publish only once every event is confirmed, and depth reports ready counts', async () => {
    await (await bus.consume({ service: 'idle', types: [TYPE] }, async () => undefined)).close();
    assert.deepEqual(await bus.depth('idle'), { service: 'idle', ready: 0, unacknowledged: 0, deadLettered: 0 });
    await bus.publish(events(500));
    // Confirmed means enqueued (and, for a quorum queue, written to its log): visible at once.
    assert.equal((await bus.depth('idle')).ready, 500);
    await bus.publish(events(7));
    assert.equal((await bus.depth('idle')).ready, 507);
    assert.deepEqual(await bus.depth('never-consumed'), { service: 'never-consumed', ready: 0, unacknowledged: 0, deadLettered: 0 });
  });

  it('counts handlers in flight as unacknowledged', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const sub = await bus.consume({ service: 'busy', types: [TYPE], prefetch: 3 }, () => gate);
    await bus.publish(events(5));
    await waitFor(async () => (await bus.depth('busy')).unacknowledged === 3, 'three deliveries in flight');
    assert.equal((await bus.depth('busy')).ready, 2);
    release();
    await waitFor(async () => (await bus.depth('busy')).ready === 0, 'queue drained');
    await sub.close();
  });

  it('retries a failing handler with growing delays until it succeeds', async () => {
    const attempts: number[] = [];
    const sub = await bus.consume({ service: 'flaky', types: [TYPE], retryBaseDelayMs: 200, maxAttempts: 5 }, async () => {
      attempts.push(Date.now());
      if (attempts.length < 4) throw new Error('temporarily unavailable');
    });
    await bus.publish(events(1));
    await waitFor(() => attempts.length === 4, 'the fourth attempt');
    const gaps = attempts.slice(1).map((t, i) => t - attempts[i]!);
    assert.ok(gaps[0]! >= 190 && gaps[1]! >= 390 && gaps[2]! >= 790, `gaps ${gaps.join(', ')} ms`);
    assert.ok(gaps[0]! < gaps[1]! && gaps[1]! < gaps[2]!, `gaps grow: ${gaps.join(', ')} ms`);
    await sleep(300);
    assert.equal(attempts.length, 4, 'no delivery after the success');
    assert.equal((await bus.depth('flaky')).deadLettered, 0);
    await sub.close();
  });

  it('dead-letters a poison event after maxAttempts without blocking the events behind it; replay delivers it once', async () => {
    const [poison, ...rest] = events(4);
    let fixed = false;
    const handled: string[] = [];
    let poisonAttempts = 0;
    const sub = await bus.consume({ service: 'poisoned', types: [TYPE], prefetch: 1, maxAttempts: 3, retryBaseDelayMs: 150 }, async (e) => {
      if (e.id === poison!.id && !fixed) {
        poisonAttempts++;
        throw new Error('cannot apply event: bad data');
      }
      handled.push(e.id);
    });
    await bus.publish([poison!, ...rest]);
    await waitFor(() => handled.length === 3, 'the events behind the poison');
    assert.ok(poisonAttempts < 3, 'the others were handled before the poison ran out of attempts');
    await waitFor(async () => (await bus.depth('poisoned')).deadLettered === 1, 'the dead letter');
    assert.equal(poisonAttempts, 3);

    const letters = await bus.deadLetters('poisoned');
    assert.equal(letters.length, 1);
    assert.equal(letters[0]!.id, poison!.id);
    assert.deepEqual(letters[0]!.event, poison);
    assert.equal(letters[0]!.attempts, 3);
    assert.equal(letters[0]!.error, 'cannot apply event: bad data');
    assert.ok(!Number.isNaN(Date.parse(letters[0]!.deadAt)));
    assert.deepEqual(await bus.deadLetters('poisoned'), letters, 'browsing does not consume');

    fixed = true;
    assert.equal(await bus.replayDeadLetters('poisoned', ['some-other-id']), 0);
    assert.equal(await bus.replayDeadLetters('poisoned'), 1);
    await waitFor(() => handled.includes(poison!.id), 'the replayed event');
    await sleep(300);
    assert.equal(handled.filter((id) => id === poison!.id).length, 1);
    assert.deepEqual(await bus.deadLetters('poisoned'), []);
    assert.deepEqual(await bus.depth('poisoned'), { service: 'poisoned', ready: 0, unacknowledged: 0, deadLettered: 0 });
    await sub.close();
  });

  it('keeps dead letters in order while browsing and replays only the chosen ids', async () => {
    const batch = events(5);
    const sub = await bus.consume({ service: 'doomed', types: [TYPE], maxAttempts: 1 }, async () => {
      throw new Error('always fails');
    });
    for (const e of batch) await bus.publish([e]); // one by one: dead-lettered in this order
    await waitFor(async () => (await bus.depth('doomed')).deadLettered === 5, 'five dead letters');
    await sub.close();
    assert.deepEqual((await bus.deadLetters('doomed')).map((d) => d.id), batch.map((e) => e.id));
    assert.deepEqual((await bus.deadLetters('doomed')).map((d) => d.id), batch.map((e) => e.id));
    assert.equal(await bus.replayDeadLetters('doomed', [batch[1]!.id, batch[3]!.id]), 2);
    assert.deepEqual((await bus.deadLetters('doomed')).map((d) => d.id), [batch[0]!.id, batch[2]!.id, batch[4]!.id]);
    assert.equal((await bus.depth('doomed')).ready, 2);
  });

  it('shares one queue between two replicas of a service: each event handled once overall', async () => {
    const other = new AmqpBus({ url: vhost.url, name: 'replica-2' });
    const byReplica = [new Map<string, number>(), new Map<string, number>()];
    const handler = (replica: number) => async (e: CloudEvent) => {
      byReplica[replica]!.set(e.id, (byReplica[replica]!.get(e.id) ?? 0) + 1);
      await sleep(1);
    };
    const subs = [await bus.consume({ service: 'replicated', types: [TYPE] }, handler(0)), await other.consume({ service: 'replicated', types: [TYPE] }, handler(1))];
    const sent = events(400);
    await bus.publish(sent);
    await waitFor(() => byReplica[0]!.size + byReplica[1]!.size >= sent.length, 'all events');
    for (const e of sent) assert.equal((byReplica[0]!.get(e.id) ?? 0) + (byReplica[1]!.get(e.id) ?? 0), 1, `event ${e.sequence} handled once`);
    assert.ok(byReplica[0]!.size > 0 && byReplica[1]!.size > 0, `both replicas worked: ${byReplica[0]!.size} / ${byReplica[1]!.size}`);
    await Promise.all(subs.map((s) => s.close()));
    await other.close();
  });

  it('sends unconfirmed events again when the broker drops the connection mid-publish', async () => {
    const own = await createTestVhost(); // dropping connections must not disturb the other tests
    const warnings: string[] = [];
    const logger = { debug() {}, info() {}, warn: (_: unknown, msg: string) => void warnings.push(msg), error() {} } as unknown as BusLogger;
    const local = new AmqpBus({ url: own.url, logger, reconnect: { initialMs: 50, maxMs: 500 } });
    try {
      const received = new Set<string>();
      await local.consume({ service: 'dropped', types: [TYPE], prefetch: 100 }, async (e) => void received.add(e.id));
      // Two publishers keep batches in flight until the broker has dropped the connections.
      let dropped = false;
      const sent: CloudEvent[] = [];
      const publishUntilDropped = async () => {
        while (!dropped) {
          const batch = events(500);
          await local.publish(batch);
          sent.push(...batch);
        }
      };
      const publishers = [publishUntilDropped(), publishUntilDropped()];
      await waitFor(() => sent.length > 0, 'the first confirmed batch');
      await own.closeConnections();
      dropped = true;
      await Promise.all(publishers);
      assert.ok(warnings.includes('AMQP publish not confirmed; sending again'), `the drop hit a publish: ${[...new Set(warnings)].join('; ')}`);
      await waitFor(() => sent.every((e) => received.has(e.id)), 'every event', 60_000);
    } finally {
      await local.close();
      await own.drop();
    }
  });

  it('waits for in-flight handlers on close', async () => {
    const local = new AmqpBus({ url: vhost.url });
    let finished = 0;
    await local.consume({ service: 'draining', types: [TYPE], prefetch: 5 }, async () => {
      await sleep(200);
      finished++;
    });
    await local.publish(events(5));
    await waitFor(async () => (await local.depth('draining')).unacknowledged === 5, 'five in flight');
    await local.close();
    assert.equal(finished, 5);
    assert.equal((await bus.depth('draining')).ready, 0, 'all five were acked, none returned');
    await assert.rejects(local.publish(events(1)), /closed/);
  });
});

describe('AmqpBus across a broker restart (own broker)', () => {
  it('loses none of 2,000 events published while the broker stops and starts again', { timeout: 240_000 }, async () => {
    const { dir, port } = own;
    let broker = await own.broker;
    const logs: string[] = [];
    const logger = { debug() {}, info: (_: unknown, msg: string) => void logs.push(msg), warn: (_: unknown, msg: string) => void logs.push(msg), error: (_: unknown, msg: string) => void logs.push(msg) } as unknown as BusLogger;
    const bus = new AmqpBus({ url: broker.url, logger, publishTimeoutMs: 120_000, reconnect: { initialMs: 100, maxMs: 1_000 } });
    try {
      const received = new Set<string>();
      let deliveries = 0;
      await bus.consume({ service: 'survivor', types: [TYPE], prefetch: 20 }, async (e) => {
        received.add(e.id);
        deliveries++;
      });
      const sent: string[] = [];
      const publishing = (async () => {
        for (let batch = 0; batch < 80; batch++) {
          const chunk = events(25, batch * 25 + 1);
          await bus.publish(chunk);
          sent.push(...chunk.map((e) => e.id));
          await sleep(25);
        }
      })();
      await waitFor(() => received.size >= 300, 'the first events');
      const stoppedAt = Date.now();
      await broker.stop();
      const publishedWhileDown = sent.length;
      own.broker = startRabbitMq(dir, port);
      broker = await own.broker;
      const downMs = Date.now() - stoppedAt;
      await publishing;
      await waitFor(() => received.size >= 2_000, 'every event after the restart', 60_000);
      assert.equal(sent.length, 2_000);
      assert.equal(sent.filter((id) => !received.has(id)).length, 0, 'no event lost');
      assert.ok(publishedWhileDown < 2_000, 'the restart happened mid-stream');
      assert.ok(logs.includes('AMQP connection re-established'), 'the bus reconnected');
      console.log(`broker down ${downMs} ms; ${deliveries - received.size} redeliveries; ${publishedWhileDown} events confirmed before the stop`);
    } finally {
      await bus.close();
    }
  });
});
