import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import type { Logger } from 'pino';
import type { KitTables } from '../db/kit-migrations.ts';
import type { EventBus } from './bus.ts';
import type { CloudEvent } from './envelope.ts';
import { OUTBOX_CHANNEL } from './publisher.ts';

/** Options of the outbox relay. */
export interface RelayOptions {
  batchSize?: number;
  /** Fallback poll when no NOTIFY arrives (missed notification, lost connection). */
  pollIntervalMs?: number;
  /** How often a standby replica tries to become the relay. */
  leaderRetryMs?: number;
}

const LEADER_LOCK = sql`hashtext('mercato.kit.outbox-relay')`;

/**
 * Delivers committed outbox events to the bus in commit order, then marks them published and gives
 * them their feed position. One relay per service is active at a time (a session advisory lock on a
 * dedicated connection); other replicas stand by and take over if its connection dies. A crash after
 * publishing and before marking re-sends the batch: consumers de-duplicate with their inbox.
 */
export class OutboxRelay {
  private client: pg.Client | undefined;
  private stopped = false;
  private wake: (() => void) | undefined;
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

  /** Stops after the batch in flight, releasing leadership. */
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
        await this.client?.end().catch(() => undefined);
        this.client = undefined;
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
    while (!this.stopped && !failed) {
      const published = await this.drainOnce();
      if (published === 0) await this.sleep(this.options.pollIntervalMs ?? 1000);
    }
    if (failed && !this.stopped) throw failed;
  }

  /** Publishes one batch of pending events; returns how many. */
  private async drainOnce(): Promise<number> {
    const batch = await this.db
      .selectFrom('kit_outbox')
      .select(['position', 'envelope'])
      .where('published_at', 'is', null)
      .orderBy('position')
      .limit(this.options.batchSize ?? 500)
      .execute();
    if (batch.length === 0) return 0;
    await this.bus.publish(batch.map((row) => row.envelope as CloudEvent));
    const base = await this.db.selectFrom('kit_outbox').select((eb) => eb.fn.max('feed_position').as('max')).executeTakeFirst();
    const start = Number(base?.max ?? 0);
    const positions = batch.map((row) => row.position);
    const feed = positions.map((_, i) => start + i + 1);
    await sql`
      update kit_outbox o set published_at = now(), feed_position = b.feed
      from (select unnest(${positions}::bigint[]) as position, unnest(${feed}::bigint[]) as feed) b
      where o.position = b.position`.execute(this.db);
    return batch.length;
  }

  private sleep(ms: number): Promise<void> {
    if (this.notified) {
      this.notified = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.notified = false;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }
}
