import type { Channel, ChannelModel, GetMessage } from 'amqplib';
import type { DeadLetter } from '../bus.ts';
import type { CloudEvent } from '../envelope.ts';
import { copyProperties, ownHeaders } from './message.ts';
import type { ConfirmedPublisher } from './publisher.ts';
import { ATTEMPT_HEADER, DEAD_AT_HEADER, ERROR_HEADER, deadQueue, mainQueue } from './topology.ts';

const REPLAY_BATCH = 100;

/**
 * Reads a service's dead-letter queue without consuming it: every message is fetched unacked, then
 * all are returned at once (nack + requeue), which keeps their order. Messages another reader holds
 * at that moment are not seen.
 */
export async function browseDeadLetters(model: ChannelModel, service: string): Promise<DeadLetter[]> {
  return withChannel(model, [], async (channel) => {
    const letters: DeadLetter[] = [];
    for (let msg = await get(channel, service); msg; msg = await get(channel, service)) letters.push(toDeadLetter(msg));
    return letters;
  });
}

/**
 * Moves dead letters (all, or those whose event id is in `ids`) back to the service's main queue with
 * a fresh attempt count. Each is acked on the dead-letter queue only after its copy is confirmed,
 * so a failure midway duplicates at most, never loses.
 */
export async function replayDeadLetters(model: ChannelModel, publisher: ConfirmedPublisher, service: string, ids?: readonly string[]): Promise<number> {
  const wanted = ids ? new Set(ids) : undefined;
  return withChannel(model, 0, async (channel) => {
    let replayed = 0;
    let batch: GetMessage[] = [];
    const flush = async () => {
      await publisher.publish(batch.map((msg) => ({ exchange: '', routingKey: mainQueue(service), content: msg.content, options: replayProperties(msg) })));
      for (const msg of batch) channel.ack(msg);
      replayed += batch.length;
      batch = [];
    };
    for (let msg = await get(channel, service); msg; msg = await get(channel, service)) {
      if (wanted && !wanted.has(String(msg.properties.messageId))) continue; // stays unacked: returned at the end
      batch.push(msg);
      if (batch.length >= REPLAY_BATCH) await flush();
    }
    if (batch.length > 0) await flush();
    return replayed;
  });
}

/** Ready messages in `queue`; 0 when the queue does not exist (yet). */
export async function readyCount(model: ChannelModel, queue: string): Promise<number> {
  const channel = await model.createChannel();
  channel.on('error', () => undefined); // a 404 closes the channel: handled below
  try {
    return (await channel.checkQueue(queue)).messageCount;
  } catch (err) {
    if (isNotFound(err)) return 0;
    throw err;
  } finally {
    await channel.close().catch(() => undefined);
  }
}

/** Runs `work` on a fresh channel, answering `ifMissing` when the queue does not exist; returns unacked messages after. */
async function withChannel<T>(model: ChannelModel, ifMissing: T, work: (channel: Channel) => Promise<T>): Promise<T> {
  const channel = await model.createChannel();
  channel.on('error', () => undefined);
  try {
    return await work(channel);
  } catch (err) {
    if (isNotFound(err)) return ifMissing;
    throw err;
  } finally {
    try {
      channel.nackAll(true);
    } catch {
      /* closed: the broker returns unacked messages itself */
    }
    await channel.close().catch(() => undefined);
  }
}

function get(channel: Channel, service: string): Promise<GetMessage | false> {
  return channel.get(deadQueue(service), { noAck: false });
}

function toDeadLetter(msg: GetMessage): DeadLetter {
  const headers = msg.properties.headers ?? {};
  let event: CloudEvent;
  try {
    event = JSON.parse(msg.content.toString('utf8')) as CloudEvent;
  } catch {
    event = { data: msg.content.toString('base64') } as CloudEvent; // unreadable: kept raw for inspection
  }
  return {
    id: String(msg.properties.messageId ?? event.id),
    event,
    attempts: Number(headers[ATTEMPT_HEADER] ?? 0),
    error: String(headers[ERROR_HEADER] ?? ''),
    deadAt: String(headers[DEAD_AT_HEADER] ?? ''),
  };
}

function replayProperties(msg: GetMessage) {
  const headers = ownHeaders(msg);
  delete headers[ERROR_HEADER];
  delete headers[DEAD_AT_HEADER];
  return { ...copyProperties(msg), headers: { ...headers, [ATTEMPT_HEADER]: 1 } };
}

function isNotFound(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 404;
}
