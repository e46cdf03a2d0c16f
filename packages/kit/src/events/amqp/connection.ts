import { connect, type ChannelModel } from 'amqplib';
import type { Logger } from 'pino';

/** The logger the bus writes to: any pino-compatible logger. */
export type BusLogger = Pick<Logger, 'debug' | 'info' | 'warn' | 'error'>;

/** Thrown by operations attempted after the bus was closed. */
export class BusClosedError extends Error {
  constructor() {
    super('event bus closed');
    this.name = 'BusClosedError';
  }
}

/** Reconnect backoff: doubles from `initialMs` up to `maxMs`, with ±20 % jitter. */
export interface Backoff {
  initialMs: number;
  maxMs: number;
}

/** Delay before retry `attempt` (1-based) of `backoff`. */
export function backoffDelay(backoff: Backoff, attempt: number): number {
  const base = Math.min(backoff.maxMs, backoff.initialMs * 2 ** (attempt - 1));
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

/** Heartbeats detect a dead broker or network within seconds instead of TCP's minutes. */
const HEARTBEAT_S = 10;
const CONNECT_TIMEOUT_MS = 5_000;

/**
 * Keeps one AMQP connection available. Reconnection is on demand: after the connection drops, the
 * next `ready()` (channels that died call it at once) connects again, retrying with backoff.
 */
export class AmqpConnection {
  private current: ChannelModel | undefined;
  private connecting: Promise<ChannelModel> | undefined;
  private closed = false;
  private readonly timers = new Set<() => void>();

  constructor(
    private readonly url: string,
    private readonly name: string,
    private readonly log: BusLogger,
    private readonly backoff: Backoff,
  ) {}

  /** The open connection, connecting (with retries) when there is none. Rejects once closed. */
  ready(): Promise<ChannelModel> {
    if (this.closed) return Promise.reject(new BusClosedError());
    if (this.current) return Promise.resolve(this.current);
    this.connecting ??= this.connectWithRetries().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  /** Waits `ms`, or less if the connection is closed meanwhile. */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.timers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.timers.add(done);
    });
  }

  /** Whether `close()` was called. */
  get isClosed(): boolean {
    return this.closed;
  }

  /** Closes the connection; pending and later `ready()` calls reject. */
  async close(): Promise<void> {
    this.closed = true;
    for (const wake of [...this.timers]) wake();
    const model = this.current;
    this.current = undefined;
    await model?.close().catch(() => undefined);
  }

  private async connectWithRetries(): Promise<ChannelModel> {
    for (let attempt = 1; ; attempt++) {
      if (this.closed) throw new BusClosedError();
      try {
        const model = await connect(withHeartbeat(this.url), { timeout: CONNECT_TIMEOUT_MS, clientProperties: { connection_name: this.name } });
        if (this.closed) {
          await model.close().catch(() => undefined);
          throw new BusClosedError();
        }
        this.watch(model);
        this.current = model;
        if (attempt > 1) this.log.info({ connection: this.name, attempts: attempt }, 'AMQP connection re-established');
        return model;
      } catch (err) {
        if (err instanceof BusClosedError || this.closed) throw new BusClosedError();
        const delayMs = backoffDelay(this.backoff, attempt);
        this.log.warn({ connection: this.name, attempt, delayMs, err: messageOf(err) }, 'AMQP connect failed; retrying');
        await this.sleep(delayMs);
      }
    }
  }

  private watch(model: ChannelModel): void {
    model.on('error', (err: Error) => this.log.warn({ connection: this.name, err: err.message }, 'AMQP connection error'));
    model.on('blocked', (reason: string) => this.log.warn({ connection: this.name, reason }, 'AMQP connection blocked by the broker'));
    model.on('unblocked', () => this.log.info({ connection: this.name }, 'AMQP connection unblocked'));
    model.on('close', (err?: Error) => {
      if (this.current === model) this.current = undefined;
      if (!this.closed) this.log.warn({ connection: this.name, err: err?.message }, 'AMQP connection lost; reconnecting on demand');
    });
  }
}

/** Adds a heartbeat to the URL unless it sets one. */
function withHeartbeat(url: string): string {
  const parsed = new URL(url);
  if (parsed.searchParams.has('heartbeat')) return url;
  parsed.searchParams.set('heartbeat', String(HEARTBEAT_S));
  return parsed.toString();
}

/** The message of an unknown thrown value. */
export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
