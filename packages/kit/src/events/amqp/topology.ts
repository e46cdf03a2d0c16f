import { randomBytes } from 'node:crypto';
import type { Channel } from 'amqplib';

/** The one topic exchange every service publishes to; routing key = event type. */
export const EXCHANGE = 'mercato.events';
/** Content type of a message body: a structured-mode CloudEvent. */
export const CONTENT_TYPE = 'application/cloudevents+json';
/** Header carrying the delivery attempt (1 = first delivery). */
export const ATTEMPT_HEADER = 'x-mercato-attempt';
/** Header carrying the last handler error on a dead-lettered message. */
export const ERROR_HEADER = 'x-mercato-error';
/** Header carrying when a message was dead-lettered (ISO 8601). */
export const DEAD_AT_HEADER = 'x-mercato-dead-at';
/** No retry waits longer than this, whatever the attempt. */
export const MAX_RETRY_DELAY_MS = 15 * 60_000;

/** The consuming service's main queue. */
export const mainQueue = (service: string): string => `mercato.${service}`;
/** The service's dead-letter queue. */
export const deadQueue = (service: string): string => `mercato.${service}.dead`;
/** The delay queue holding messages for `delayMs` before they return to the main queue. */
export const retryQueue = (service: string, delayMs: number): string => `mercato.${service}.retry.${delayMs}ms`;

/** A fresh name for one replica's listener queue (see `declareListener`). */
export const listenerQueue = (service: string): string => `mercato.${service}.listener.${randomBytes(6).toString('hex')}`;

/** The wait before delivery `attempt + 1` after `attempt` failed: base × 2^(attempt−1), capped. */
export function retryDelay(attempt: number, baseMs: number): number {
  return Math.min(MAX_RETRY_DELAY_MS, Math.round(baseMs * 2 ** (attempt - 1)));
}

/** Declares the exchange (idempotent). */
export async function declareExchange(channel: Channel): Promise<void> {
  await channel.assertExchange(EXCHANGE, 'topic', { durable: true });
}

/** Queue arguments of a quorum queue; dead-lettering from it is at-least-once (not fire-and-forget). */
function quorum(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { 'x-queue-type': 'quorum', ...extra };
}

/**
 * Declares a consuming service's queues (idempotent): the main queue bound to its event types, one
 * delay queue per retry level, and the dead-letter queue.
 *
 * A delay queue has ONE TTL for all its messages, so they expire in arrival order; per-message TTLs
 * in a shared queue would hold a short delay behind a long one (expiry happens only at the head).
 */
export async function declareConsumer(channel: Channel, service: string, types: readonly string[], maxAttempts: number, baseDelayMs: number): Promise<void> {
  await declareExchange(channel);
  const main = mainQueue(service);
  await channel.assertQueue(main, { durable: true, arguments: quorum() });
  for (const type of types) await channel.bindQueue(main, EXCHANGE, type);
  await channel.assertQueue(deadQueue(service), { durable: true, arguments: quorum() });
  for (let attempt = 1; attempt < maxAttempts; attempt++) {
    const delay = retryDelay(attempt, baseDelayMs);
    await channel.assertQueue(retryQueue(service, delay), {
      durable: true,
      arguments: quorum({
        'x-message-ttl': delay,
        'x-dead-letter-exchange': '',
        'x-dead-letter-routing-key': main,
        'x-dead-letter-strategy': 'at-least-once',
        'x-overflow': 'reject-publish', // required by at-least-once dead-lettering
      }),
    });
  }
}

/**
 * Declares one replica's listener queue bound to `types` and returns its name: exclusive (deleted
 * with its connection) and auto-delete (deleted with its consumer), so a replica that goes away
 * leaves nothing behind. Classic, not quorum: quorum queues cannot be exclusive, and a listener
 * wants no durability.
 */
export async function declareListener(channel: Channel, service: string, types: readonly string[]): Promise<string> {
  await declareExchange(channel);
  const { queue } = await channel.assertQueue(listenerQueue(service), { exclusive: true, autoDelete: true, durable: false, arguments: { 'x-queue-type': 'classic' } });
  for (const type of types) await channel.bindQueue(queue, EXCHANGE, type);
  return queue;
}
