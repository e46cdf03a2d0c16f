import type { Logger } from 'pino';
import type { EventBus } from './bus.ts';
import type { CloudEvent } from './envelope.ts';
import type { PublishedEvent } from './publisher.ts';

type Listener = { types: Set<string>; handle: (event: CloudEvent) => void | Promise<void>; onGap?: () => void };

/** A service's listeners (`ctx.events.listen`), heard through one non-durable subscription per replica. */
export class EventListeners {
  private readonly listeners: Listener[] = [];

  add(contracts: readonly PublishedEvent[], handle: Listener['handle'], onGap?: () => void): void {
    this.listeners.push({ types: new Set(contracts.map((c) => c.type)), handle, onGap });
  }

  /** Every event type some listener hears. */
  get types(): string[] {
    return [...new Set(this.listeners.flatMap((l) => [...l.types]))];
  }

  /** Subscribes on the bus; returns how to unsubscribe (at shutdown). */
  async subscribe(service: string, bus: EventBus, log: Logger): Promise<() => Promise<void>> {
    const subscription = await bus.listen(
      { service, types: this.types, onGap: () => this.listeners.forEach((l) => l.onGap?.()) },
      async (event) => {
        for (const listener of this.listeners) {
          if (!listener.types.has(event.type)) continue;
          try {
            await listener.handle(event);
          } catch (error) {
            log.warn({ err: error, event_id: event.id, type: event.type }, 'event listener failed');
          }
        }
      },
    );
    return () => subscription.close();
  }
}
