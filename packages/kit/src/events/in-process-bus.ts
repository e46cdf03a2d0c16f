import type { Logger } from 'pino';
import type { ConsumerOptions, DeadLetter, EventBus, EventHandler, EventListenerHandler, ListenOptions, QueueDepth, Subscription } from './bus.ts';
import type { DeadLetterStore } from './dead-letter-store.ts';
import type { CloudEvent } from './envelope.ts';

interface Consumer {
  options: Required<Pick<ConsumerOptions, 'maxAttempts' | 'retryBaseDelayMs'>> & ConsumerOptions;
  types: Set<string>;
  handler: EventHandler;
  inFlight: number;
}

/**
 * The embedded topology's bus: `publish` hands every event to every consuming service in order,
 * without waiting for one before the next, and resolves only when each has applied it or
 * dead-lettered it durably (in its own database), so the relay marks an event published only once
 * nothing can lose it. A failing event is retried alone, with exponential backoff: the events
 * behind it go on (a successor on its subject waits parked in the consumer's inbox).
 */
export class InProcessBus implements EventBus {
  private readonly consumers = new Map<string, Consumer>();
  private readonly listeners = new Set<{ service: string; types: Set<string>; handler: EventListenerHandler }>();

  constructor(
    private readonly storeFor: (service: string) => DeadLetterStore | undefined,
    private readonly log?: Logger,
  ) {}

  async publish(events: readonly CloudEvent[]): Promise<void> {
    // Handed over all at once, in order: the consumer applies them in batches, per subject in order.
    const deliveries: Promise<void>[] = [];
    for (const [service, consumer] of this.consumers) {
      for (const event of events) if (consumer.types.has(event.type)) deliveries.push(this.deliver(service, consumer, event));
    }
    for (const listener of this.listeners) {
      for (const event of events) if (listener.types.has(event.type)) deliveries.push(this.hear(listener.service, listener.handler, event));
    }
    const failed = (await Promise.allSettled(deliveries)).find((d) => d.status === 'rejected');
    if (failed) throw failed.reason;
  }

  async consume(options: ConsumerOptions, handler: EventHandler): Promise<Subscription> {
    const consumer: Consumer = {
      options: { ...options, maxAttempts: options.maxAttempts ?? 5, retryBaseDelayMs: options.retryBaseDelayMs ?? 50 },
      types: new Set(options.types),
      handler,
      inFlight: 0,
    };
    this.consumers.set(options.service, consumer);
    return {
      close: async () => {
        if (this.consumers.get(options.service) === consumer) this.consumers.delete(options.service);
        while (consumer.inFlight > 0) await new Promise((r) => setTimeout(r, 10));
      },
    };
  }

  /** Listeners hear events in this process; nothing is ever missed, so `onGap` is never called. */
  async listen(options: ListenOptions, handler: EventListenerHandler): Promise<Subscription> {
    const listener = { service: options.service, types: new Set(options.types), handler };
    this.listeners.add(listener);
    return { close: async () => void this.listeners.delete(listener) };
  }

  async deadLetters(service: string): Promise<DeadLetter[]> {
    return (await this.storeFor(service)?.list()) ?? [];
  }

  async replayDeadLetters(service: string, ids?: readonly string[]): Promise<number> {
    const consumer = this.consumers.get(service);
    const store = this.storeFor(service);
    if (!consumer || !store) return 0;
    const events = await store.take(ids);
    for (const event of events) await this.deliver(service, consumer, event);
    return events.length;
  }

  async depth(service: string): Promise<QueueDepth> {
    const consumer = this.consumers.get(service);
    return { service, ready: 0, unacknowledged: consumer?.inFlight ?? 0, deadLettered: (await this.storeFor(service)?.count()) ?? 0 };
  }

  async close(): Promise<void> {
    this.consumers.clear();
    this.listeners.clear();
  }

  /** A listener's failure is its own: logged, not retried, and never fails the publish. */
  private async hear(service: string, handler: EventListenerHandler, event: CloudEvent): Promise<void> {
    try {
      await handler(event);
    } catch (error) {
      this.log?.warn({ event_id: event.id, type: event.type, listener: service, reason: error instanceof Error ? error.message : String(error) }, 'event listener failed');
    }
  }

  private async deliver(service: string, consumer: Consumer, event: CloudEvent): Promise<void> {
    const { maxAttempts, retryBaseDelayMs } = consumer.options;
    consumer.inFlight++;
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          await consumer.handler(event);
          return;
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          if (attempt >= maxAttempts) {
            this.log?.error({ event_id: event.id, type: event.type, consumer: service, attempts: attempt, reason }, 'event dead-lettered');
            const store = this.storeFor(service);
            if (!store) throw error;
            await store.add(event, attempt, reason);
            return;
          }
          this.log?.warn({ event_id: event.id, type: event.type, consumer: service, attempt, reason }, 'event handler failed; retrying');
          await new Promise((r) => setTimeout(r, retryBaseDelayMs * 2 ** (attempt - 1)));
        }
      }
    } finally {
      consumer.inFlight--;
    }
  }
}
