import type { Channel, ConsumeMessage } from 'amqplib';
import type { EventHandler, Subscription } from '../bus.ts';
import type { CloudEvent } from '../envelope.ts';
import { backoffDelay, messageOf, type AmqpConnection, type Backoff, type BusLogger } from './connection.ts';
import { copyProperties, ownHeaders } from './message.ts';
import type { ConfirmedPublisher } from './publisher.ts';
import { ATTEMPT_HEADER, DEAD_AT_HEADER, ERROR_HEADER, deadQueue, declareConsumer, mainQueue, retryDelay, retryQueue } from './topology.ts';

/** A consumer's options with every default filled in. */
export interface ConsumerSettings {
  service: string;
  types: readonly string[];
  prefetch: number;
  maxAttempts: number;
  retryBaseDelayMs: number;
}

const MAX_ERROR_LENGTH = 1_000;

/**
 * One replica's subscription to its service's queue: manual acks, bounded prefetch, and on failure
 * a confirmed copy to the next delay queue (or the dead-letter queue) before the original is acked.
 * When its channel or connection drops it subscribes again; unacked deliveries come back from the
 * broker (at-least-once).
 */
export class AmqpSubscription implements Subscription {
  private closed = false;
  private current: { channel: Channel; consumerTag: string } | undefined;
  private readonly handling = new Set<Promise<void>>();

  constructor(
    private readonly conn: AmqpConnection,
    private readonly publisher: ConfirmedPublisher,
    private readonly settings: ConsumerSettings,
    private readonly handler: EventHandler,
    private readonly log: BusLogger,
    private readonly backoff: Backoff,
  ) {}

  /** Deliveries being handled right now by this replica. */
  get inFlight(): number {
    return this.handling.size;
  }

  /** Subscribes; resolves once consuming. A topology error on the first attempt rejects. */
  async start(): Promise<void> {
    const { closed } = await this.subscribe();
    void this.resubscribeForever(closed);
  }

  /** Stops new deliveries, waits for the in-flight ones to be handled and acked, closes the channel. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const current = this.current;
    if (current) await current.channel.cancel(current.consumerTag).catch(() => undefined);
    while (this.handling.size > 0) await Promise.allSettled([...this.handling]);
    await current?.channel.close().catch(() => undefined);
  }

  /** Opens a channel, declares the queues and starts consuming; resolves with when the channel closes. */
  private async subscribe(): Promise<{ closed: Promise<void> }> {
    const { service, types, maxAttempts, retryBaseDelayMs, prefetch } = this.settings;
    const model = await this.conn.ready();
    const channel = await model.createChannel();
    const closed = new Promise<void>((resolve) => channel.once('close', () => resolve()));
    channel.on('error', (err: Error) => this.log.warn({ service, err: err.message }, 'AMQP consumer channel error'));
    try {
      await declareConsumer(channel, service, types, maxAttempts, retryBaseDelayMs);
      await channel.prefetch(prefetch);
      const { consumerTag } = await channel.consume(mainQueue(service), (msg) => this.onDelivery(channel, msg), { noAck: false });
      this.current = { channel, consumerTag };
      if (this.closed) await channel.close().catch(() => undefined);
      return { closed };
    } catch (err) {
      await channel.close().catch(() => undefined);
      throw err;
    }
  }

  private async resubscribeForever(channelClosed: Promise<void>): Promise<void> {
    let attempt = 0;
    while (!this.closed) {
      await channelClosed;
      this.current = undefined;
      if (!this.closed) this.log.warn({ service: this.settings.service }, 'AMQP consumer channel closed; subscribing again');
      while (!this.closed) {
        try {
          channelClosed = (await this.subscribe()).closed;
          attempt = 0;
          break;
        } catch (err) {
          if (this.closed || this.conn.isClosed) return;
          this.log.warn({ service: this.settings.service, err: messageOf(err) }, 'AMQP re-subscribe failed');
          await this.conn.sleep(backoffDelay(this.backoff, ++attempt));
        }
      }
    }
  }

  private onDelivery(channel: Channel, msg: ConsumeMessage | null): void {
    // null: the broker cancelled the consumer (queue deleted); a fresh channel re-declares it.
    if (msg === null) return void channel.close().catch(() => undefined);
    const task = this.handle(channel, msg);
    this.handling.add(task);
    void task.finally(() => this.handling.delete(task));
  }

  private async handle(channel: Channel, msg: ConsumeMessage): Promise<void> {
    const attempt = Number(msg.properties.headers?.[ATTEMPT_HEADER] ?? 1) || 1;
    let event: CloudEvent;
    try {
      event = JSON.parse(msg.content.toString('utf8')) as CloudEvent;
    } catch (err) {
      return this.forward(channel, msg, deadQueue(this.settings.service), this.deadHeaders(msg, attempt, `unreadable message: ${messageOf(err)}`));
    }
    try {
      // Another version of the service (mid-deploy) may bind types this one does not know: failing,
      // not acking, lets a replica that knows the type get it on a retry, or leaves it replayable.
      if (!this.settings.types.includes(event.type)) throw new Error(`event type ${event.type} is not consumed by this replica`);
      await this.handler(event);
    } catch (err) {
      return this.failed(channel, msg, event, attempt, err);
    }
    ack(channel, msg);
  }

  private async failed(channel: Channel, msg: ConsumeMessage, event: CloudEvent, attempt: number, err: unknown): Promise<void> {
    const { service, maxAttempts, retryBaseDelayMs } = this.settings;
    const fields = { service, eventId: event.id, type: event.type, attempt, err: messageOf(err) };
    if (attempt >= maxAttempts) {
      this.log.error(fields, 'event handler failed; dead-lettering the event');
      return this.forward(channel, msg, deadQueue(service), this.deadHeaders(msg, attempt, messageOf(err)));
    }
    const delayMs = retryDelay(attempt, retryBaseDelayMs);
    this.log.warn({ ...fields, delayMs }, 'event handler failed; retrying later');
    return this.forward(channel, msg, retryQueue(service, delayMs), { ...ownHeaders(msg), [ATTEMPT_HEADER]: attempt + 1 });
  }

  /** Puts a confirmed copy on `queue`, then acks the original; if that fails, the broker redelivers it. */
  private async forward(channel: Channel, msg: ConsumeMessage, queue: string, headers: Record<string, unknown>): Promise<void> {
    try {
      await this.publisher.publish([{ exchange: '', routingKey: queue, content: msg.content, options: { ...copyProperties(msg), headers } }]);
      ack(channel, msg);
    } catch (err) {
      this.log.error({ service: this.settings.service, queue, err: messageOf(err) }, 'could not move a failed event; it will be redelivered');
      nack(channel, msg);
    }
  }

  private deadHeaders(msg: ConsumeMessage, attempt: number, error: string): Record<string, unknown> {
    return { ...ownHeaders(msg), [ATTEMPT_HEADER]: attempt, [ERROR_HEADER]: error.slice(0, MAX_ERROR_LENGTH), [DEAD_AT_HEADER]: new Date().toISOString() };
  }
}

// A delivery tag belongs to its channel: once that closed, the broker redelivers on its own.
function ack(channel: Channel, msg: ConsumeMessage): void {
  try {
    channel.ack(msg);
  } catch {
    /* channel gone: redelivered */
  }
}

function nack(channel: Channel, msg: ConsumeMessage): void {
  try {
    channel.nack(msg, false, true);
  } catch {
    /* channel gone: redelivered */
  }
}
