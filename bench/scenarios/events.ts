import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Type } from '@sinclair/typebox';
import { sql, type Kysely } from 'kysely';
import {
  AmqpBus,
  OutboxRelay,
  databaseUrl,
  defineService,
  defineTopology,
  freePort,
  onEvent,
  startEmbedded,
  startEmbeddedPostgres,
  startRabbitMq,
  type EmbeddedPlatform,
  type EventBus,
  type PostgresServer,
  type RabbitMqServer,
} from '@mercato/kit';
import { removeTempDir, tempDir } from '../lib/cleanup.ts';
import { median, round, table } from '../lib/format.ts';
import { cpuDelta, treeCpu } from '../lib/proc.ts';
import type { BenchOptions, Scenario } from '../scenario.ts';

/** Relay throughput through RabbitMQ with publisher confirms that should be reached (2 cores). */
export const AMQP_THROUGHPUT_TARGET = 5_000;
/** Commit-to-applied p99 at 500 events/s that should not be exceeded, per bus. */
export const P99_TARGET_MS = { embedded: 20, rabbitmq: 50 } as const;

/** Events committed (relay stopped) before the relay is started and timed. */
const BACKLOG = 20_000;
const SUBJECTS = 200;
const BACKLOG_TX = 500;
/** Steady rate of the latency phase: one committed transaction every 2 ms. */
const RATE = 500;
/** At most this many commits in flight in the latency phase (the producer's pool has 5 connections). */
const MAX_IN_FLIGHT = 50;

const pinged = { type: 'mercato.benchsource.item.pinged.v1', schema: Type.Object({ item: Type.String(), n: Type.Integer() }) };

/** When the consumer's handler ran, per event id (performance.now() of this process). */
const appliedAt = new Map<string, number>();

interface ProducerTables {
  items: { id: string; pings: number };
}
interface ConsumerTables {
  pings: { event_id: string; subject: string };
}

/** The producer: one row touched and one event published per transaction, through the outbox. */
const benchsource = defineService<ProducerTables>({
  name: 'benchsource',
  description: 'Benchmark event producer',
  migrations: {
    '0001': { up: async (db) => void (await sql`create table items (id text primary key, pings int not null)`.execute(db)) },
  },
  publishes: [pinged],
  routes: () => undefined,
});

/** The consumer: records when each event reached its handler, and writes one row (its effect). */
const benchsink = defineService<ConsumerTables>({
  name: 'benchsink',
  description: 'Benchmark event consumer',
  migrations: {
    '0001': { up: async (db) => void (await sql`create table pings (event_id uuid primary key, subject text not null)`.execute(db)) },
  },
  consumes: [
    onEvent<ConsumerTables>(pinged, async (event, tx) => {
      appliedAt.set(event.id, performance.now());
      await tx.insertInto('pings').values({ event_id: event.id, subject: event.subject }).execute();
    }),
  ],
  routes: () => undefined,
});

const topology = defineTopology({
  services: {
    benchsource: { load: async () => ({ default: benchsource as never }), calls: [] },
    benchsink: { load: async () => ({ default: benchsink as never }), calls: ['benchsource'] },
  },
});

/** One transaction: bump the item's counter and publish its event; resolves with the event id. */
async function commitPing(platform: EmbeddedPlatform, n: number, count = 1): Promise<string[]> {
  const svc = platform.services.get('benchsource')!;
  const db = svc.context.db as Kysely<ProducerTables>;
  return db.transaction().execute(async (tx) => {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const item = `item-${(n + i) % SUBJECTS}`;
      await tx
        .insertInto('items')
        .values({ id: item, pings: 1 })
        .onConflict((oc) => oc.column('id').doUpdateSet({ pings: sql`items.pings + 1` }))
        .execute();
      const event = await svc.context.events.publish(tx as never, { type: pinged.type, subject: item, data: { item, n: n + i } });
      ids.push(event.id);
    }
    return ids;
  });
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;

async function until(check: () => Promise<boolean> | boolean, timeoutMs: number, what: string, pollMs = 20): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(pollMs);
  }
}

/** CPU time per event of this process (producer, relay, consumer, load loop), PostgreSQL and RabbitMQ, in µs. */
interface CpuPerEvent {
  node: number;
  postgres: number;
  rabbitmq: number;
}

/** CPU ms of this process and its descendants (PostgreSQL, RabbitMQ), by process name. */
const cpuNow = () => treeCpu(process.pid);

function cpuPerEvent(before: Map<string, number>, events: number): CpuPerEvent {
  const spent: CpuPerEvent = { node: 0, postgres: 0, rabbitmq: 0 };
  for (const [name, ms] of cpuDelta(before, cpuNow())) {
    const who = name === 'node' ? 'node' : name === 'postgres' ? 'postgres' : 'rabbitmq'; // beam.smp, epmd, erl_child_setup
    spent[who] += (ms * 1000) / events;
  }
  return { node: round(spent.node), postgres: round(spent.postgres), rabbitmq: round(spent.rabbitmq) };
}

const cpuCell = (c: CpuPerEvent) => `${c.node} / ${c.postgres} / ${c.rabbitmq}`;

interface Run {
  bus: 'embedded' | 'rabbitmq';
  /** Backlog drained by the relay: events/s from relay start to `lag().pending === 0`. */
  relayPerS: number;
  relayS: number;
  /** Backlog applied by the consumer: events/s from relay start to the last handler call. */
  appliedPerS: number;
  /** CPU per event from relay start to the last event applied (relay and consumer). */
  backlogCpu: CpuPerEvent;
  /** Latency phase. */
  targetRate: number;
  achievedRate: number;
  committed: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** CPU per event of the latency phase (producer, relay and consumer). */
  steadyCpu: CpuPerEvent;
  /** Events whose handler ran before the producer saw its COMMIT return (latency counted as 0). */
  beforeCommitReturned: number;
}

/** One platform on fresh databases with the given bus: backlog throughput, then steady-rate latency. */
async function runOnce(kind: Run['bus'], serverUrl: string, prefix: string, durationS: number, bus?: EventBus): Promise<Run> {
  appliedAt.clear();
  const platform = await startEmbedded({ topology, serverUrl, databasePrefix: prefix, port: 0, logLevel: 'silent', bus });
  let relay: OutboxRelay | undefined;
  try {
    const svc = platform.services.get('benchsource')!;
    // The launcher started the service's relay; stop it and run one we control (same settings).
    await svc.events!.relay!.stop();
    relay = new OutboxRelay(svc.context.db as never, databaseUrl(serverUrl, `${prefix}benchsource`), platform.bus, svc.context.log);

    // 1. Backlog: commit BACKLOG events with no relay running, then time the relay draining them.
    for (let n = 0; n < BACKLOG; n += BACKLOG_TX) await commitPing(platform, n, BACKLOG_TX);
    if ((await relay.lag()).pending !== BACKLOG) throw new Error('outbox does not hold the backlog');
    const backlogCpuBefore = cpuNow();
    const started = performance.now();
    relay.start();
    await until(async () => (await relay!.lag()).pending === 0, 300_000, 'the relay to drain the backlog', 10);
    const relayMs = performance.now() - started;
    await until(() => appliedAt.size >= BACKLOG, 300_000, 'the consumer to apply the backlog');
    const lastApplied = Math.max(...appliedAt.values());
    const appliedMs = lastApplied - started;
    const backlogCpu = cpuPerEvent(backlogCpuBefore, BACKLOG);
    console.error(`  ${kind}: relay drained ${BACKLOG} events in ${round(relayMs)} ms; consumer applied them all ${round(appliedMs)} ms after relay start`);
    await sleep(1000);
    appliedAt.clear();

    // 2. Steady rate: one transaction every 1000/RATE ms (open loop: a slow commit does not delay the next).
    const committedAt = new Map<string, number>();
    const intervalMs = 1000 / RATE;
    const total = Math.round(durationS * RATE);
    let inFlight = 0;
    let issued = 0;
    let failed: unknown;
    const pending = new Set<Promise<void>>();
    const steadyCpuBefore = cpuNow();
    const t0 = performance.now();
    while (issued < total && !failed) {
      const due = t0 + issued * intervalMs;
      const wait = due - performance.now();
      if (wait > 1) await sleep(wait - 0.5);
      else if (inFlight >= MAX_IN_FLIGHT) await Promise.race(pending);
      else {
        const n = issued++;
        inFlight++;
        const p: Promise<void> = commitPing(platform, n).then(
          ([id]) => void committedAt.set(id!, performance.now()),
          (error: unknown) => void (failed ??= error),
        ).finally(() => {
          inFlight--;
          pending.delete(p);
        });
        pending.add(p);
      }
    }
    await Promise.all(pending);
    const producedMs = performance.now() - t0;
    if (failed) throw failed;
    await until(() => [...committedAt.keys()].every((id) => appliedAt.has(id)), 60_000, 'the consumer to apply the steady-rate events');
    const steadyCpu = cpuPerEvent(steadyCpuBefore, total);
    let early = 0;
    const latencies = [...committedAt].map(([id, at]) => {
      const d = appliedAt.get(id)! - at;
      if (d < 0) early++;
      return Math.max(0, d);
    });
    latencies.sort((a, b) => a - b);
    const run: Run = {
      bus: kind,
      relayPerS: round(BACKLOG / (relayMs / 1000)),
      relayS: round(relayMs / 1000, 2),
      appliedPerS: round(BACKLOG / (appliedMs / 1000)),
      backlogCpu,
      targetRate: RATE,
      achievedRate: round(total / (producedMs / 1000)),
      committed: total,
      p50Ms: round(percentile(latencies, 50), 1),
      p99Ms: round(percentile(latencies, 99), 1),
      maxMs: round(latencies.at(-1)!, 1),
      steadyCpu,
      beforeCommitReturned: early,
    };
    console.error(
      `  ${kind}: steady ${run.achievedRate}/s over ${round(producedMs / 1000, 1)} s — commit→applied p50 ${run.p50Ms} ms, p99 ${run.p99Ms} ms, max ${run.maxMs} ms` +
        (early ? ` (${early} applied before COMMIT returned to the producer, counted as 0)` : ''),
    );
    return run;
  } finally {
    await relay?.stop();
    await platform.close();
  }
}

/** Outbox relay throughput and commit-to-applied latency, on the in-process bus and on RabbitMQ. */
export const events: Scenario = {
  name: 'events',
  description: `outbox relay throughput (${BACKLOG} events backlog) and commit→applied latency at ${RATE} events/s, in-process bus and RabbitMQ`,
  async run(options: BenchOptions) {
    const dir = tempDir('mercato-events-');
    let pg: PostgresServer | undefined;
    let broker: RabbitMqServer | undefined;
    const runs: Run[] = [];
    try {
      [pg, broker] = await Promise.all([
        freePort().then((port) => startEmbeddedPostgres(join(dir, 'pg'), port)),
        freePort().then((port) => startRabbitMq(join(dir, 'rabbitmq'), port)),
      ]);
      for (let round_ = 1; round_ <= options.rounds; round_++) {
        console.error(` round ${round_}/${options.rounds}`);
        runs.push(await runOnce('embedded', pg.url, `bench_e${round_}_`, options.duration));
        const amqp = new AmqpBus({ url: broker.url, name: 'bench' });
        runs.push(await runOnce('rabbitmq', pg.url, `bench_r${round_}_`, options.duration, amqp));
      }
    } finally {
      await broker?.stop().catch((error: Error) => console.error(`  stopping RabbitMQ: ${error.message}`));
      await pg?.stop().catch((error: Error) => console.error(`  stopping PostgreSQL: ${error.message}`));
      removeTempDir(dir);
    }

    const summary = (bus: Run['bus']) => {
      const of = runs.filter((r) => r.bus === bus);
      const med = (f: (r: Run) => number) => median(of.map(f));
      return {
        relayPerS: round(med((r) => r.relayPerS)),
        appliedPerS: round(med((r) => r.appliedPerS)),
        achievedRate: round(med((r) => r.achievedRate)),
        p50Ms: round(med((r) => r.p50Ms), 1),
        p99Ms: round(med((r) => r.p99Ms), 1),
        maxMs: round(med((r) => r.maxMs), 1),
      };
    };
    const embedded = summary('embedded');
    const rabbitmq = summary('rabbitmq');
    const throughputMet = rabbitmq.relayPerS >= AMQP_THROUGHPUT_TARGET;
    const embeddedP99Met = embedded.p99Ms <= P99_TARGET_MS.embedded;
    const rabbitP99Met = rabbitmq.p99Ms <= P99_TARGET_MS.rabbitmq;
    const verdict = (met: boolean) => (met ? 'MET' : 'MISSED');

    const report = [
      `relay: ${BACKLOG} events (${SUBJECTS} subjects, transactions of ${BACKLOG_TX}) committed with the relay stopped, then relay start → outbox pending = 0;`,
      `  "applied" = relay start → the consumer's handler ran for the last of them. The consumer is subscribed in both cases`,
      `  (in-process: the relay's publish returns once the consumer applied the event; RabbitMQ: once the broker confirmed it).`,
      `latency: one transaction per event every ${1000 / RATE} ms for ${options.duration} s (open loop, ≤ ${MAX_IN_FLIGHT} in flight);`,
      `  latency = producer's COMMIT returned → consumer handler called (inside its inbox transaction), same process clock.`,
      `PostgreSQL (fsync on) and RabbitMQ (quorum queue, persistent messages, publisher confirms) share the machine. ${options.rounds} round(s), medians.`,
      '',
      table(
        ['run', 'bus', 'relay events/s', 'applied events/s', 'steady rate/s', 'p50 ms', 'p99 ms', 'max ms'],
        runs.map((r, i) => [`${Math.floor(i / 2) + 1}`, r.bus, r.relayPerS, r.appliedPerS, r.achievedRate, r.p50Ms, r.p99Ms, r.maxMs]),
      ),
      '',
      'CPU µs per event, Node / PostgreSQL / RabbitMQ: "backlog" = relay and consumer; "steady" = producer, relay and consumer',
      table(
        ['run', 'bus', 'backlog', 'steady'],
        runs.map((r, i) => [`${Math.floor(i / 2) + 1}`, r.bus, cpuCell(r.backlogCpu), cpuCell(r.steadyCpu)]),
      ),
      '',
      table(
        ['median', 'relay events/s', 'applied events/s', 'steady rate/s', 'p50 ms', 'p99 ms', 'max ms'],
        [
          ['embedded', embedded.relayPerS, embedded.appliedPerS, embedded.achievedRate, embedded.p50Ms, embedded.p99Ms, embedded.maxMs],
          ['rabbitmq', rabbitmq.relayPerS, rabbitmq.appliedPerS, rabbitmq.achievedRate, rabbitmq.p50Ms, rabbitmq.p99Ms, rabbitmq.maxMs],
        ],
      ),
      '',
      `relay through RabbitMQ with confirms: ${rabbitmq.relayPerS} events/s — target ≥ ${AMQP_THROUGHPUT_TARGET}: ${verdict(throughputMet)}`,
      `propagation p99 embedded: ${embedded.p99Ms} ms — target ≤ ${P99_TARGET_MS.embedded} ms: ${verdict(embeddedP99Met)}` +
        (embedded.achievedRate < RATE * 0.98 ? ` (at ${embedded.achievedRate}/s, below ${RATE}/s)` : ''),
      `propagation p99 RabbitMQ: ${rabbitmq.p99Ms} ms — target ≤ ${P99_TARGET_MS.rabbitmq} ms: ${verdict(rabbitP99Met)}` +
        (rabbitmq.achievedRate < RATE * 0.98 ? ` (at ${rabbitmq.achievedRate}/s, below ${RATE}/s)` : ''),
    ].join('\n');

    return {
      report,
      figures: {
        backlog: BACKLOG,
        steadyTargetRate: RATE,
        runs,
        embedded,
        rabbitmq,
        targets: {
          rabbitmqRelay: { valuePerS: rabbitmq.relayPerS, minPerS: AMQP_THROUGHPUT_TARGET, met: throughputMet },
          embeddedP99: { valueMs: embedded.p99Ms, maxMs: P99_TARGET_MS.embedded, met: embeddedP99Met },
          rabbitmqP99: { valueMs: rabbitmq.p99Ms, maxMs: P99_TARGET_MS.rabbitmq, met: rabbitP99Met },
        },
      },
    };
  },
};
