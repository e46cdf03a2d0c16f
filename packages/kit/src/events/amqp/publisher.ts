import type { ChannelModel, ConfirmChannel, Options } from 'amqplib';
import { backoffDelay, BusClosedError, messageOf, type AmqpConnection, type Backoff, type BusLogger } from './connection.ts';
import { declareExchange } from './topology.ts';

/** One message to publish. */
export interface Outgoing {
  exchange: string;
  routingKey: string;
  content: Buffer;
  options: Options.Publish;
}

/**
 * Publishes with publisher confirms on one ConfirmChannel per connection. A message counts as
 * published only once the broker confirms it; whatever is nacked, or lost with a dropped
 * connection, is sent again (in the original order) after reconnecting. Duplicates are possible,
 * loss is not: consumers de-duplicate on the message id.
 */
export class ConfirmedPublisher {
  private channel: { model: ChannelModel; channel: Promise<ConfirmChannel> } | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  private closing = false;

  constructor(
    private readonly conn: AmqpConnection,
    private readonly log: BusLogger,
    private readonly timeoutMs: number,
    private readonly backoff: Backoff,
  ) {}

  /** Resolves once every message is confirmed; rejects after the timeout or when closed. */
  publish(messages: readonly Outgoing[]): Promise<void> {
    if (this.closing) return Promise.reject(new BusClosedError());
    if (messages.length === 0) return Promise.resolve();
    const task = this.publishUntilConfirmed(messages);
    this.inFlight.add(task);
    void task.catch(() => undefined).finally(() => this.inFlight.delete(task));
    return task;
  }

  /** Refuses new messages and waits for the ones in flight (each bounded by the timeout). */
  async drain(): Promise<void> {
    this.closing = true;
    await Promise.allSettled([...this.inFlight]);
  }

  private async publishUntilConfirmed(messages: readonly Outgoing[]): Promise<void> {
    const deadline = Date.now() + this.timeoutMs;
    let pending = messages;
    for (let attempt = 1; ; attempt++) {
      try {
        const channel = await beforeDeadline(this.confirmChannel(), deadline);
        pending = await beforeDeadline(this.send(channel, pending), deadline);
        if (pending.length === 0) return;
        this.log.warn({ unconfirmed: pending.length, attempt }, 'AMQP publish not confirmed; sending again');
      } catch (err) {
        if (err instanceof BusClosedError) throw err;
        if (!(err instanceof DeadlineError)) this.log.warn({ attempt, err: messageOf(err) }, 'AMQP publish failed; retrying');
      }
      const delay = backoffDelay(this.backoff, attempt);
      if (Date.now() + delay > deadline) throw new Error(`AMQP publish timed out after ${this.timeoutMs} ms: ${pending.length} of ${messages.length} messages unconfirmed`);
      await this.conn.sleep(delay);
      if (this.conn.isClosed) throw new BusClosedError();
    }
  }

  /** Sends every message on `channel`; resolves with those not confirmed, in their order. */
  private async send(channel: ConfirmChannel, messages: readonly Outgoing[]): Promise<Outgoing[]> {
    const confirmed: Promise<boolean>[] = [];
    for (const m of messages) {
      let writable = true;
      confirmed.push(
        new Promise<boolean>((resolve) => {
          try {
            writable = channel.publish(m.exchange, m.routingKey, m.content, m.options, (err: unknown) => resolve(!err));
          } catch {
            resolve(false); // the channel closed under us
          }
        }),
      );
      if (!writable) await drained(channel);
    }
    const results = await Promise.all(confirmed);
    return messages.filter((_, i) => !results[i]);
  }

  /** The publishing channel of the current connection, opened (and the exchange declared) on first use. */
  private async confirmChannel(): Promise<ConfirmChannel> {
    const model = await this.conn.ready();
    if (this.channel?.model !== model) {
      const channel = openConfirmChannel(model, this.log);
      this.channel = { model, channel };
      channel.then(
        (ch) => ch.once('close', () => this.channel?.model === model && (this.channel = undefined)),
        () => this.channel?.model === model && (this.channel = undefined),
      );
    }
    return this.channel.channel;
  }
}

async function openConfirmChannel(model: ChannelModel, log: BusLogger): Promise<ConfirmChannel> {
  const channel = await model.createConfirmChannel();
  channel.on('error', (err: Error) => log.warn({ err: err.message }, 'AMQP publishing channel error'));
  await declareExchange(channel);
  return channel;
}

/** Resolves when the channel's write buffer has room again, or it closed. */
function drained(channel: ConfirmChannel): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      channel.off('drain', done);
      channel.off('close', done);
      resolve();
    };
    channel.once('drain', done);
    channel.once('close', done);
  });
}

class DeadlineError extends Error {}

function beforeDeadline<T>(promise: Promise<T>, deadline: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new DeadlineError('deadline passed')), Math.max(0, deadline - Date.now()));
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}
