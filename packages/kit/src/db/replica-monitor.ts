import { sql, type Kysely } from 'kysely';
import { parseLsn } from './wal-position.ts';

/** What the last check saw of a read replica. */
export interface ReplicaStatus {
  /** Whether reads may go there now: reachable, in recovery, and no further behind than the bound. */
  fresh: boolean;
  /** Seconds of replay lag (0 when it had replayed everything the primary had written); undefined when unknown. */
  lagSeconds?: number;
  /** The last WAL position the replica had replayed. */
  replayed?: bigint;
  /** Why the replica is not used, when it is not. */
  reason?: string;
}

/**
 * Checks a read replica's replay lag periodically: the primary's current WAL position first, then
 * what the replica has replayed. Caught up when it has replayed that position. Otherwise the lag is
 * how long ago the primary first showed a position the replica has not replayed yet (positions seen
 * at earlier checks are kept), or, before there is such a history, the time since the replica last
 * replayed a transaction (`pg_last_xact_replay_timestamp()`). That one alone would overstate the
 * lag after a quiet spell: the last replayed transaction may be old while only a second is missing.
 */
export class ReplicaMonitor {
  private current: ReplicaStatus = { fresh: false, reason: 'not checked yet' };
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  /** The primary's WAL position at recent checks, oldest first. */
  private readonly history: Array<{ at: number; written: bigint }> = [];

  constructor(
    private readonly primary: Kysely<any>,
    private readonly replica: Kysely<any>,
    private readonly maxLagSeconds: number,
    private readonly intervalMs: number,
  ) {}

  get status(): ReplicaStatus {
    return this.current;
  }

  /** Runs a first check, then one every interval. */
  async start(): Promise<void> {
    await this.check();
    this.timer = setInterval(() => void this.check(), this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** The replica's replay position right now (used while waiting for a client's token). */
  async replayed(): Promise<bigint> {
    const { rows } = await sql<{ replayed: string | null }>`select pg_last_wal_replay_lsn()::text as replayed`.execute(this.replica);
    const replayed = rows[0]?.replayed ? parseLsn(rows[0].replayed) : 0n;
    if (this.current.replayed === undefined || replayed > this.current.replayed) this.current = { ...this.current, replayed };
    return replayed;
  }

  /** Checks now (a check already in progress is awaited instead). */
  check(): Promise<void> {
    this.running ??= this.measure().finally(() => (this.running = undefined));
    return this.running;
  }

  private async measure(): Promise<void> {
    try {
      const primary = await sql<{ lsn: string }>`select pg_current_wal_lsn()::text as lsn`.execute(this.primary);
      const written = parseLsn(primary.rows[0]!.lsn);
      const now = Date.now();
      this.remember(now, written);
      const { rows } = await sql<{ recovering: boolean; replayed: string | null; idle: number | null }>`
        select pg_is_in_recovery() as recovering,
               pg_last_wal_replay_lsn()::text as replayed,
               extract(epoch from now() - pg_last_xact_replay_timestamp())::float8 as idle`.execute(this.replica);
      const row = rows[0]!;
      if (!row.recovering || !row.replayed) {
        this.current = { fresh: false, reason: 'not a replica (not in recovery)' };
        return;
      }
      const replayed = parseLsn(row.replayed);
      const lagSeconds = replayed >= written ? 0 : this.lagFromHistory(now, replayed) ?? Math.max(0, row.idle ?? Number.POSITIVE_INFINITY);
      const fresh = lagSeconds <= this.maxLagSeconds;
      this.current = { fresh, lagSeconds, replayed, ...(fresh ? {} : { reason: `${lagSeconds.toFixed(1)} s behind (bound ${this.maxLagSeconds} s)` }) };
    } catch (error) {
      this.current = { fresh: false, reason: `unreachable: ${error instanceof Error ? error.message : String(error)}` };
    }
  }

  private remember(at: number, written: bigint): void {
    const last = this.history.at(-1);
    if (!last || written > last.written) this.history.push({ at, written });
    const horizon = at - Math.max(60_000, this.maxLagSeconds * 10_000);
    while (this.history.length > 1 && (this.history[1]!.at < horizon || this.history.length > 1000)) this.history.shift();
  }

  /** Seconds since the first check that saw a position past `replayed`, when an earlier check saw one at or before it. */
  private lagFromHistory(now: number, replayed: bigint): number | undefined {
    const index = this.history.findIndex((h) => h.written > replayed);
    if (index <= 0) return undefined;
    return (now - this.history[index]!.at) / 1000;
  }
}
