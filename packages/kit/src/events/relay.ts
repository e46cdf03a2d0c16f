import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import type { Logger } from 'pino';
import type { KitTables } from '../db/kit-migrations.ts';
import type { EventBus } from './bus.ts';
import type { CloudEvent } from './envelope.ts';
import { OUTBOX_CHANNEL } from './publisher.ts';
import { OrderedMarks } from './relay-marks.ts';

/** Options of the outbox relay. */
export interface RelayOptions {
  batchSize?: number;
  /** Batches published but not yet marked at a time (their confirms and marks overlap the next). */
  batchesInFlight?: number;
  /** Fallback poll when no NOTIFY arrives (missed notification, lost connection). */
  pollIntervalMs?: number;
  /** How often a standby replica tries to become the relay. */
  leaderRetryMs?: number;
}

const LEADER_LOCK = sql`hashtext('mercato.kit.outbox-relay')`;

/** A batch handed to the bus, until it is marked published. */
interface InFlight {
  positions: number[];
  marked: Promise<void>;
  settled: boolean;
}

/**
 * Delivers committed outbox events to the bus in commit order, then marks them published and gives
 * them their feed position. One relay per service is active at a time (a session advisory lock on a
 * dedicated connection); other replicas stand by and take over if its connection dies. A crash after
 * publishing and before marking re-sends the batch: consumers de-duplicate with their inbox.
 *
 * Up to `batchesInFlight` batches are out at once: the next batch is read and handed to the bus
 * while the bus still confirms (or, in process, applies) the previous ones. Marks stay in publish
 * order, each after its batch was accepted (`OrderedMarks`), so feed positions follow the outbox
 * order. The leader reads and marks on connections of its own, never waiting behind the service's
 * business transactions for a pooled one.
 */
export class OutboxRelay {
  /** The leader's connections: one holds the lock, listens and reads; one marks (neither waits for the service's pool). */
  private client: pg.Client | undefined;
  private marker: pg.Client | undefined;
  private stopped = false;
  private wake: (() => void) | undefined;
  /** Set by NOTIFY; cleared just before reading the outbox (which then sees what the notifier committed). */
  private notified = false;
  private loop: Promise<void> | undefined;
  /** Whether this instance currently holds the relay lock. */
  leader = false;

  constructor(
    private readonly db: Kysely<KitTables>,
    private readonly databaseUrl: string,
    private readonly bus: EventBus,
    private readonly log: Logger,
    private readonly options: RelayOptions = {},
  ) {}

  /** Starts relaying in the background. */
  start(): void {
    this.loop ??= this.run();
  }

  /** Stops after the batches in flight, releasing leadership. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
  }

  /** Events committed but not yet published, and the age of the oldest, for metrics and operations. */
  async lag(): Promise<{ pending: number; oldestSeconds: number }> {
    const row = await sql<{ pending: number; oldest: number | null }>`
      select count(*)::int as pending, extract(epoch from now() - min(created_at))::float8 as oldest
      from kit_outbox where published_at is null`.execute(this.db);
    return { pending: row.rows[0]?.pending ?? 0, oldestSeconds: row.rows[0]?.oldest ?? 0 };
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.lead();
      } catch (error) {
        if (!this.stopped) this.log.warn({ err: error }, 'outbox relay lost its connection; retrying');
      } finally {
        this.leader = false;
        await Promise.all([this.client?.end().catch(() => undefined), this.marker?.end().catch(() => undefined)]);
        this.client = undefined;
        this.marker = undefined;
      }
      if (!this.stopped) await this.sleep(this.options.leaderRetryMs ?? 1000);
    }
  }

  /** Holds the lock and drains the outbox until stopped or the connection fails. */
  private async lead(): Promise<void> {
    const client = new pg.Client({ connectionString: this.databaseUrl });
    this.client = client;
    client.on('error', () => this.wake?.());
    await client.connect();
    const { rows } = await client.query(`select pg_try_advisory_lock(${LEADER_LOCK.compile(this.db).sql}) as ok`);
    if (!rows[0].ok) return;
    this.leader = true;
    client.on('notification', () => {
      this.notified = true;
      this.wake?.();
    });
    await client.query(`listen ${OUTBOX_CHANNEL}`);
    let failed: unknown;
    client.on('end', () => (failed ??= new Error('relay connection ended')));
    const marker = new pg.Client({ connectionString: this.databaseUrl });
    this.marker = marker;
    marker.on('error', () => this.wake?.());
    marker.on('end', () => (failed ??= new Error('relay connection ended')));
    await marker.connect();
    await this.relayWhile(client, marker, () => !this.stopped && !failed);
    if (failed && !this.stopped) throw failed;
  }

  /** Publishes batches, keeping several in flight, while `leading()` holds; rethrows a failed batch. */
  private async relayWhile(reader: pg.Client, marker: pg.Client, leading: () => boolean): Promise<void> {
    const depth = this.options.batchesInFlight ?? 3;
    const inFlight: InFlight[] = [];
    const marks = new OrderedMarks((positions) => markPublished(marker, positions));
    try {
      while (leading()) {
        while (inFlight[0]?.settled) await inFlight.shift()!.marked; // rethrows a failed batch
        if (inFlight.length >= depth) {
          await inFlight[0]!.marked;
          continue;
        }
        this.notified = false;
        const batch = (await reader.query<{ position: number; envelope: CloudEvent }>(SELECT_PENDING, [inFlight.flatMap((f) => f.positions), this.options.batchSize ?? 500])).rows;
        if (batch.length === 0) {
          const idle = this.sleep(this.options.pollIntervalMs ?? 1000);
          await (inFlight.length > 0 ? Promise.race([inFlight[0]!.marked, idle]) : idle);
          continue;
        }
        const positions = batch.map((row) => row.position);
        const entry: InFlight = { positions, marked: marks.add(positions, this.bus.publish(batch.map((row) => row.envelope))), settled: false };
        entry.marked.then(
          () => (entry.settled = true),
          () => (entry.settled = true),
        );
        inFlight.push(entry);
      }
    } finally {
      await Promise.allSettled(inFlight.map((f) => f.marked));
    }
  }

  private sleep(ms: number): Promise<void> {
    if (this.notified) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        if (this.wake === done) this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }
}

/** Marks a batch published with the next feed positions, in its order (one statement). */
async function markPublished(marker: pg.Client, positions: number[]): Promise<void> {
  await marker.query(MARK_PUBLISHED, [positions]);
}

// The oldest unpublished events, except those already handed to the bus.
const SELECT_PENDING = `select position, envelope from kit_outbox
  where published_at is null and position <> all($1::bigint[]) order by position limit $2`;

// Only the leader marks, one statement at a time, so the feed's current maximum is the base.
const MARK_PUBLISHED = `
  update kit_outbox o set published_at = now(), feed_position = base.max + b.i
  from unnest($1::bigint[]) with ordinality as b(position, i),
       (select coalesce(max(feed_position), 0) as max from kit_outbox) as base
  where o.position = b.position`;
