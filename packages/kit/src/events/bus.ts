import type { CloudEvent } from './envelope.ts';

/** Handles one delivered event; resolving acknowledges it, throwing asks for a retry. */
export type EventHandler = (event: CloudEvent) => Promise<void>;

/** A consumer's subscription. */
export interface ConsumerOptions {
  /** The consuming service: one durable queue per service, shared by its replicas. */
  service: string;
  /** Event types (routing keys) the service consumes. */
  types: readonly string[];
  /** Unacknowledged deliveries in flight per replica. */
  prefetch?: number;
  /** Attempts before an event is dead-lettered (first delivery included). */
  maxAttempts?: number;
  /** Delay before the first retry; doubles each attempt. */
  retryBaseDelayMs?: number;
}

/**
 * A listener's subscription: non-durable, for reactions that are idempotent and need no inbox
 * (a cache dropping entries). Each running replica hears every event of `types` published while it
 * is subscribed, at most once; nothing is kept for it while it is down.
 */
export interface ListenOptions {
  /** The listening service (names its queue on the broker). */
  service: string;
  /** Event types (routing keys) to hear. */
  types: readonly string[];
  /** Called when events may have been missed (the broker connection dropped and came back). */
  onGap?: () => void;
}

/** Hears one event; a failure is logged, never retried. */
export type EventListenerHandler = (event: CloudEvent) => void | Promise<void>;

/** An event that exhausted its attempts, kept for inspection and replay. */
export interface DeadLetter {
  id: string;
  event: CloudEvent;
  attempts: number;
  error: string;
  deadAt: string;
}

/** Queue figures for operations (also exported as Prometheus gauges). */
export interface QueueDepth {
  service: string;
  ready: number;
  unacknowledged: number;
  deadLettered: number;
}

/** A live subscription. */
export interface Subscription {
  /** Stops taking new deliveries and waits for the in-flight ones to finish. */
  close(): Promise<void>;
}

/**
 * The event bus behind the outbox relay. Two implementations: in-process (embedded topology) and
 * RabbitMQ (processes, Kubernetes). Delivery is at-least-once; consumers de-duplicate with their inbox.
 */
export interface EventBus {
  /** Publishes events in the given order; resolves once the bus has durably accepted every one. */
  publish(events: readonly CloudEvent[]): Promise<void>;
  /** Starts delivering the service's event types to the handler, with retries and dead-lettering. */
  consume(options: ConsumerOptions, handler: EventHandler): Promise<Subscription>;
  /** Starts delivering `types` to this replica's listener, without inbox, retries or dead letters. */
  listen(options: ListenOptions, handler: EventListenerHandler): Promise<Subscription>;
  /** Dead-lettered events of a service, oldest first. */
  deadLetters(service: string): Promise<DeadLetter[]>;
  /** Puts dead-lettered events back for delivery (all, or the given ids); returns how many. */
  replayDeadLetters(service: string, ids?: readonly string[]): Promise<number>;
  /** Queue depths of a consuming service. */
  depth(service: string): Promise<QueueDepth>;
  close(): Promise<void>;
}
