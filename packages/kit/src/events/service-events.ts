import '../config/formats.ts';
import { context as otelContext, propagation, SpanKind, trace, type Context } from '@opentelemetry/api';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import type { Kysely } from 'kysely';
import { Gauge, type Registry } from 'prom-client';
import type { KitTables } from '../db/kit-migrations.ts';
import type { ServiceContext } from '../service.ts';
import { tracerFor } from '../telemetry/tracing.ts';
import type { ConsumerOptions, EventBus, Subscription } from './bus.ts';
import type { CloudEvent } from './envelope.ts';
import { catchUpFromFeed } from './feed-catch-up.ts';
import { ApplyLanes, type LaneOptions } from './apply-lanes.ts';
import { applyBatch } from './inbox-batch.ts';
import { OutboxRelay } from './relay.ts';
import type { EventSubscription } from './subscription.ts';

/**
 * A service's event machinery: the outbox relay (if it publishes), its subscription on the bus (if
 * it consumes), catch-up from producers' feeds, and the metrics of both.
 */
export class ServiceEvents {
  readonly relay: OutboxRelay | undefined;
  private subscription: Subscription | undefined;
  private readonly byType = new Map<string, { subscription: EventSubscription<any>; check: ReturnType<typeof TypeCompiler.Compile> }>();
  private readonly lanes: ApplyLanes;
  /** The trace context each delivered event's handler runs in (unparked events run in their batch's). */
  private readonly traceOf = new WeakMap<CloudEvent, Context>();

  constructor(
    private readonly ctx: ServiceContext<any>,
    private readonly db: Kysely<KitTables>,
    private readonly bus: EventBus,
    databaseUrl: string,
    publishes: boolean,
    subscriptions: readonly EventSubscription<any>[],
    registry: Registry,
    lanes: LaneOptions = {},
  ) {
    this.lanes = new ApplyLanes((events) => applyBatch(db, events, (event, tx) => this.handle(event, tx)), lanes);
    this.relay = publishes ? new OutboxRelay(db, databaseUrl, bus, ctx.log) : undefined;
    for (const s of subscriptions) this.byType.set(s.event.type, { subscription: s, check: TypeCompiler.Compile(s.event.schema) });
    this.registerMetrics(registry);
  }

  /** Event types this service consumes. */
  get consumedTypes(): string[] {
    return [...this.byType.keys()];
  }

  /**
   * Subscribes on the bus (the queue exists from now on, so nothing published later is missed).
   * `delivery` overrides the bus's prefetch and retry defaults (attempts before dead-lettering,
   * first retry delay).
   */
  async subscribe(delivery: Pick<ConsumerOptions, 'prefetch' | 'maxAttempts' | 'retryBaseDelayMs'> = {}): Promise<void> {
    if (this.byType.size === 0) return;
    this.subscription = await this.bus.consume({ ...delivery, service: this.ctx.name, types: this.consumedTypes }, (event) => this.apply(event));
  }

  /** Applies every event the producers published before this consumer existed (idempotent). */
  async catchUp(): Promise<void> {
    const sources = new Set([...this.byType.keys()].map((type) => type.split('.')[1]!));
    for (const source of sources) {
      await catchUpFromFeed(this.ctx.client(source), source, this.consumedTypes, (event) => this.apply(event));
    }
  }

  /**
   * Applies one delivered event: contract check, then inbox, ordering and the handler in a
   * transaction shared with the other events that arrived meanwhile; resolves once it committed.
   */
  async apply(event: CloudEvent): Promise<void> {
    const entry = this.byType.get(event.type);
    if (!entry) return;
    if (!entry.check.Check(event.data)) throw new Error(`${event.type} ${event.id} breaks its contract`);
    const parent = propagation.extract(otelContext.active(), { traceparent: event.traceparent, tracestate: event.tracestate });
    const span = tracerFor(this.ctx.name).startSpan(`consume ${event.type}`, { kind: SpanKind.CONSUMER, attributes: { 'messaging.message.id': event.id } }, parent);
    const traced = trace.setSpan(parent, span);
    this.traceOf.set(event, traced);
    try {
      const outcome = await this.lanes.apply(event);
      // The log line carries the event's trace id, like the handler's own lines.
      otelContext.with(traced, () =>
        this.ctx.log.info({ event_id: event.id, type: event.type, subject: event.subject, sequence: event.sequence, outcome }, 'event applied'),
      );
    } finally {
      span.end();
    }
  }

  /** Runs the event's handler inside the inbox transaction, in the event's trace. */
  private async handle(event: CloudEvent, tx: Parameters<EventSubscription<any>['handle']>[1]): Promise<void> {
    const entry = this.byType.get(event.type);
    if (!entry) throw new Error(`${this.ctx.name} has no handler for ${event.type} (event ${event.id})`);
    const { subscription } = entry;
    const traced = this.traceOf.get(event);
    const run = () => subscription.handle(event, tx, this.ctx);
    return traced ? otelContext.with(traced, run) : run();
  }

  /** Stops consuming (draining in-flight events) and relaying. */
  async stop(): Promise<void> {
    await this.subscription?.close();
    await this.relay?.stop();
  }

  private registerMetrics(registry: Registry): void {
    const { relay, bus, ctx } = this;
    if (relay) {
      new Gauge({
        name: 'outbox_pending_events',
        help: 'Events committed but not yet published to the bus',
        registers: [registry],
        async collect() {
          this.set((await relay.lag()).pending);
        },
      });
      new Gauge({
        name: 'outbox_oldest_pending_seconds',
        help: 'Age of the oldest unpublished event',
        registers: [registry],
        async collect() {
          this.set((await relay.lag()).oldestSeconds);
        },
      });
    }
    if (this.byType.size > 0) {
      for (const [name, field, help] of [
        ['event_queue_ready', 'ready', 'Events waiting in this service queue'],
        ['event_dead_letters', 'deadLettered', 'Events dead-lettered for this service'],
      ] as const) {
        new Gauge({
          name,
          help,
          registers: [registry],
          async collect() {
            this.set((await bus.depth(ctx.name))[field]);
          },
        });
      }
    }
  }
}
