import type { ConsumerOptions, DeadLetter, EventBus, EventHandler, EventListenerHandler, ListenOptions, QueueDepth, Subscription } from './bus.ts';
import { routingKey, type CloudEvent } from './envelope.ts';
import { AmqpConnection, BusClosedError, type Backoff, type BusLogger } from './amqp/connection.ts';
import { AmqpSubscription } from './amqp/consumer.ts';
import { AmqpListener } from './amqp/listener.ts';
import { browseDeadLetters, readyCount, replayDeadLetters } from './amqp/dead-letters.ts';
import { ConfirmedPublisher } from './amqp/publisher.ts';
import { CONTENT_TYPE, EXCHANGE, deadQueue, mainQueue } from './amqp/topology.ts';

/** How to reach RabbitMQ and how patient to be with it. */
export interface AmqpBusOptions {
  /** `amqp://user:pass@host:port/vhost`. */
  url: string;
  /** Shown as the connection name on the broker (e.g. the service and replica). */
  name?: string;
  /** A pino-compatible logger; message bodies are never logged. */
  logger?: BusLogger;
  /** How long `publish` keeps retrying (across reconnects) before rejecting. Default 30 s. */
  publishTimeoutMs?: number;
  /** Reconnect backoff. Default 100 ms doubling to 5 s. */
  reconnect?: Backoff;
}

const DEFAULTS = { prefetch: 200, maxAttempts: 5, retryBaseDelayMs: 1_000 };
const silent: BusLogger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined } as unknown as BusLogger;

/**
 * The event bus on RabbitMQ: one durable topic exchange (`mercato.events`, routing key = event type),
 * one quorum queue per consuming service (`mercato.<service>`) shared by its replicas, publisher
 * confirms, manual acks, delay queues for retries and a dead-letter queue (`mercato.<service>.dead`).
 *
 * - Retry: a failed delivery is copied (confirmed) to `mercato.<service>.retry.<delay>ms` with its
 *   attempt count + 1, then acked. Each delay queue has one fixed TTL and dead-letters expired
 *   messages back to the main queue, so the event waits without blocking the ones behind it.
 * - Dead letters: after `maxAttempts` the copy goes to the dead-letter queue with the error;
 *   browsing fetches unacked and returns everything; replay re-publishes and only then acks.
 * - Reconnect: publishing and consuming use separate connections (a broker throttling publishers
 *   does not stall acks); each reconnects with backoff when a channel needs it. Unconfirmed messages
 *   are sent again; consumers subscribe again and the broker redelivers what was unacked.
 *
 * Delivery is at-least-once and, after retries or reconnects, not in order: consumers rely on
 * their inbox (ids and per-subject sequences). Listeners (`listen`) are the exception: one exclusive,
 * auto-delete queue per replica, at most once, nothing kept while the replica is away.
 */
export class AmqpBus implements EventBus {
  private readonly log: BusLogger;
  private readonly backoff: Backoff;
  private readonly publishing: AmqpConnection;
  private readonly consuming: AmqpConnection;
  private readonly publisher: ConfirmedPublisher;
  private readonly subscriptions = new Set<{ service: string; sub: AmqpSubscription }>();
  private readonly listeners = new Set<AmqpListener>();
  private closed = false;

  constructor(options: AmqpBusOptions) {
    this.log = options.logger ?? silent;
    const backoff = options.reconnect ?? { initialMs: 100, maxMs: 5_000 };
    const name = options.name ?? 'mercato';
    this.publishing = new AmqpConnection(options.url, `${name} publish`, this.log, backoff);
    this.consuming = new AmqpConnection(options.url, `${name} consume`, this.log, backoff);
    this.publisher = new ConfirmedPublisher(this.publishing, this.log, options.publishTimeoutMs ?? 30_000, backoff);
    this.backoff = backoff;
  }

  /** Publishes persistent messages (id = event id) and resolves once the broker confirmed all. */
  async publish(events: readonly CloudEvent[]): Promise<void> {
    if (this.closed) throw new BusClosedError();
    await this.publisher.publish(
      events.map((event) => ({
        exchange: EXCHANGE,
        routingKey: routingKey(event),
        content: Buffer.from(JSON.stringify(event)),
        options: { persistent: true, messageId: event.id, contentType: CONTENT_TYPE, type: event.type, timestamp: Math.floor(Date.parse(event.time) / 1000) || undefined },
      })),
    );
  }

  /** Declares the service's queues and starts consuming them; resolves once subscribed. */
  async consume(options: ConsumerOptions, handler: EventHandler): Promise<Subscription> {
    if (this.closed) throw new BusClosedError();
    const settings = { ...DEFAULTS, ...definedOnly(options), service: options.service, types: options.types };
    if (settings.maxAttempts < 1 || settings.prefetch < 1) throw new RangeError('maxAttempts and prefetch must be at least 1');
    const sub = new AmqpSubscription(this.consuming, this.publisher, settings, handler, this.log, this.backoff);
    await sub.start();
    const entry = { service: options.service, sub };
    this.subscriptions.add(entry);
    return {
      close: async () => {
        await sub.close();
        this.subscriptions.delete(entry);
      },
    };
  }

  /** Declares this replica's own exclusive, auto-delete queue bound to the types and hears it without acks. */
  async listen(options: ListenOptions, handler: EventListenerHandler): Promise<Subscription> {
    if (this.closed) throw new BusClosedError();
    const listener = new AmqpListener(this.consuming, options, handler, this.log, this.backoff);
    await listener.start();
    this.listeners.add(listener);
    return {
      close: async () => {
        await listener.close();
        this.listeners.delete(listener);
      },
    };
  }

  /** Dead letters of a service, oldest first (read without removing them). */
  async deadLetters(service: string): Promise<DeadLetter[]> {
    return browseDeadLetters(await this.consuming.ready(), service);
  }

  /** Moves dead letters back to the service's queue with fresh attempts; returns how many. */
  async replayDeadLetters(service: string, ids?: readonly string[]): Promise<number> {
    return replayDeadLetters(await this.consuming.ready(), this.publisher, service, ids);
  }

  /** Ready and dead-lettered counts from the broker; unacknowledged = this process's in-flight handlers. */
  async depth(service: string): Promise<QueueDepth> {
    const model = await this.consuming.ready();
    const [ready, deadLettered] = await Promise.all([readyCount(model, mainQueue(service)), readyCount(model, deadQueue(service))]);
    let unacknowledged = 0;
    for (const entry of this.subscriptions) if (entry.service === service) unacknowledged += entry.sub.inFlight;
    return { service, ready, unacknowledged, deadLettered };
  }

  /** Finishes in-flight handlers and publishes, then closes both connections. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((entry) => entry.sub.close()));
    await Promise.all([...this.listeners].map((listener) => listener.close()));
    this.subscriptions.clear();
    this.listeners.clear();
    await this.publisher.drain();
    await Promise.all([this.consuming.close(), this.publishing.close()]);
  }
}

function definedOnly(options: ConsumerOptions): Partial<typeof DEFAULTS> {
  const out: Partial<typeof DEFAULTS> = {};
  if (options.prefetch !== undefined) out.prefetch = options.prefetch;
  if (options.maxAttempts !== undefined) out.maxAttempts = options.maxAttempts;
  if (options.retryBaseDelayMs !== undefined) out.retryBaseDelayMs = options.retryBaseDelayMs;
  return out;
}
