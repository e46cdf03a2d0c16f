import type { Channel, ConsumeMessage } from 'amqplib';
import type { EventListenerHandler, ListenOptions, Subscription } from '../bus.ts';
import type { CloudEvent } from '../envelope.ts';
import { backoffDelay, messageOf, type AmqpConnection, type Backoff, type BusLogger } from './connection.ts';
import { declareListener } from './topology.ts';

/**
 * One replica's listener: its own exclusive queue bound to the types, consumed without acks (at
 * most once). When the channel or connection drops, it declares a new queue and calls `onGap`:
 * whatever was published in between went to the old queue, which the broker deleted.
 */
export class AmqpListener implements Subscription {
  private closed = false;
  private channel: Channel | undefined;
  private readonly hearing = new Set<Promise<void>>();

  constructor(
    private readonly conn: AmqpConnection,
    private readonly options: ListenOptions,
    private readonly handler: EventListenerHandler,
    private readonly log: BusLogger,
    private readonly backoff: Backoff,
  ) {}

  /** Subscribes; resolves once the queue is bound and consumed. */
  async start(): Promise<void> {
    const { closed } = await this.subscribe();
    void this.resubscribeForever(closed);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.channel?.close().catch(() => undefined);
    while (this.hearing.size > 0) await Promise.allSettled([...this.hearing]);
  }

  private async subscribe(): Promise<{ closed: Promise<void> }> {
    const model = await this.conn.ready();
    const channel = await model.createChannel();
    const closed = new Promise<void>((resolve) => channel.once('close', () => resolve()));
    channel.on('error', (err: Error) => this.log.warn({ service: this.options.service, err: err.message }, 'AMQP listener channel error'));
    try {
      const queue = await declareListener(channel, this.options.service, this.options.types);
      await channel.consume(queue, (msg) => this.onDelivery(msg), { noAck: true });
      this.channel = channel;
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
      this.channel = undefined;
      while (!this.closed) {
        try {
          channelClosed = (await this.subscribe()).closed;
          attempt = 0;
          this.log.warn({ service: this.options.service }, 'AMQP listener subscribed again; events in between were missed');
          this.options.onGap?.();
          break;
        } catch (err) {
          if (this.closed || this.conn.isClosed) return;
          this.log.warn({ service: this.options.service, err: messageOf(err) }, 'AMQP listener re-subscribe failed');
          await this.conn.sleep(backoffDelay(this.backoff, ++attempt));
        }
      }
    }
  }

  private onDelivery(msg: ConsumeMessage | null): void {
    if (msg === null) return void this.channel?.close().catch(() => undefined); // queue deleted: subscribe again
    const task = this.hear(msg);
    this.hearing.add(task);
    void task.finally(() => this.hearing.delete(task));
  }

  private async hear(msg: ConsumeMessage): Promise<void> {
    try {
      await this.handler(JSON.parse(msg.content.toString('utf8')) as CloudEvent);
    } catch (err) {
      this.log.warn({ service: this.options.service, type: msg.properties.type, err: messageOf(err) }, 'event listener failed');
    }
  }
}
