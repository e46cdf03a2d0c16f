import { Type } from '@sinclair/typebox';
import { sql, type Kysely } from 'kysely';
import { Counter, Gauge, type Registry } from 'prom-client';
import { parseConfig, type Env } from '../config/env.ts';
import { openDatabase } from './database.ts';
import { ReplicaMonitor, type ReplicaStatus } from './replica-monitor.ts';
import { isLsn, parseLsn } from './wal-position.ts';

/** The header a write's answer carries and a later read presents: the primary's WAL position after the write. */
export const CONSISTENCY_HEADER = 'consistency-token';

/** Which state a read must see. */
export interface ReadOptions {
  /** A consistency token from an earlier write: the read sees that write. */
  after?: string;
  /** Or the request whose `Consistency-Token` header carries it. */
  request?: { headers: Record<string, string | string[] | undefined> };
}

/** Where a service's reads go: its read replica when it has one that is fresh enough, else the primary. */
export interface DatabaseReader<DB> {
  /**
   * The database for a read (list queries, read models). The replica when one is configured, its
   * replay lag is within the bound and, given a consistency token, it has replayed that far (waiting
   * briefly for it); otherwise the primary. Writes always go to `ctx.db`.
   */
  db(options?: ReadOptions): Promise<Kysely<DB>>;
  /** A consistency token for everything committed on the primary so far (hand it out after a write). */
  token(): Promise<string>;
  /** Whether a replica is configured, and what the last lag check saw. */
  replica(): ReplicaStatus & { configured: boolean };
  close(): Promise<void>;
}

const Settings = Type.Object({
  MERCATO_DATABASE_READ_MAX_LAG_S: Type.Number({ minimum: 0, default: 5, description: 'Beyond this replay lag, reads go to the primary' }),
  MERCATO_DATABASE_READ_CHECK_MS: Type.Integer({ minimum: 50, default: 1000, description: 'How often the replica lag is checked' }),
  MERCATO_DATABASE_READ_WAIT_MS: Type.Integer({ minimum: 0, default: 250, description: 'How long a read with a token waits for the replica before using the primary' }),
});

/** A reader over the primary alone (no replica configured): every read goes there. */
export function primaryReader<DB>(primary: Kysely<DB>): DatabaseReader<DB> {
  return {
    db: async () => primary,
    token: () => currentPosition(primary),
    replica: () => ({ configured: false, fresh: false, reason: 'no replica configured' }),
    close: async () => undefined,
  };
}

/**
 * Opens the replica's pool and starts checking its lag (tuned by MERCATO_DATABASE_READ_* settings);
 * exports `db_replica_lag_seconds` and `db_reads_total{target}` to the service's registry.
 */
export async function replicaReader<DB>(
  primary: Kysely<DB>,
  replicaUrl: string,
  env: Env,
  options: { poolSize?: number; registry?: Registry } = {},
): Promise<DatabaseReader<DB>> {
  const settings = parseConfig(Settings, env);
  const replica = openDatabase<DB>(replicaUrl, { max: options.poolSize ?? 10 });
  const monitor = new ReplicaMonitor(primary, replica, settings.MERCATO_DATABASE_READ_MAX_LAG_S, settings.MERCATO_DATABASE_READ_CHECK_MS);
  await monitor.start();
  const registers = options.registry ? [options.registry] : [];
  const reads = new Counter({ name: 'db_reads_total', help: 'Reads routed by the database reader, by target', labelNames: ['target'] as const, registers });
  new Gauge({
    name: 'db_replica_lag_seconds',
    help: 'Replay lag of the read replica at its last check (absent while unreachable)',
    registers,
    collect() {
      const lag = monitor.status.lagSeconds;
      if (lag === undefined || !Number.isFinite(lag)) this.reset();
      else this.set(lag);
    },
  });
  const use = (target: 'replica' | 'primary') => (reads.inc({ target }), target === 'replica' ? replica : primary);

  return {
    async db(options = {}) {
      if (!monitor.status.fresh) return use('primary');
      const token = options.after ?? headerToken(options.request);
      if (!token) return use('replica');
      const wanted = parseLsn(token);
      if ((monitor.status.replayed ?? 0n) >= wanted) return use('replica');
      return (await waitForReplay(monitor, wanted, settings.MERCATO_DATABASE_READ_WAIT_MS)) ? use('replica') : use('primary');
    },
    token: () => currentPosition(primary),
    replica: () => ({ configured: true, ...monitor.status }),
    async close() {
      await monitor.stop();
      await replica.destroy();
    },
  };
}

function headerToken(request: ReadOptions['request']): string | undefined {
  const value = request?.headers[CONSISTENCY_HEADER];
  const token = Array.isArray(value) ? value[0] : value;
  return token && isLsn(token) ? token : undefined; // a malformed token is ignored, not an error
}

async function waitForReplay(monitor: ReplicaMonitor, wanted: bigint, waitMs: number): Promise<boolean> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      if ((await monitor.replayed()) >= wanted) return true;
    } catch {
      return false;
    }
    if (Date.now() >= deadline) return false;
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function currentPosition(db: Kysely<any>): Promise<string> {
  const { rows } = await sql<{ lsn: string }>`select pg_current_wal_lsn()::text as lsn`.execute(db);
  return rows[0]!.lsn;
}
