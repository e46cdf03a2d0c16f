/**
 * The event envelope: CloudEvents 1.0, structured JSON mode, with Mercato's extensions
 * (`sequence` per aggregate, and the distributed-tracing extension's `traceparent`/`tracestate`).
 */
export interface CloudEvent<T = unknown> {
  specversion: '1.0';
  /** Unique per event (a UUIDv7); consumers de-duplicate on it. */
  id: string;
  /** `/mercato/<service>`. */
  source: string;
  /** `mercato.<service>.<aggregate>.<past-tense>.v<N>`, e.g. `mercato.catalog.product.upserted.v1`. */
  type: string;
  /** The aggregate id the event is about. */
  subject: string;
  /** ISO 8601 UTC. */
  time: string;
  datacontenttype: 'application/json';
  /** 1, 2, 3… per subject within its source, without gaps: consumers detect missing or late events. */
  sequence: number;
  traceparent?: string;
  tracestate?: string;
  data: T;
}

/** What a service hands to `publish`: the rest of the envelope is filled in by the kit. */
export interface NewEvent<T = unknown> {
  type: string;
  subject: string;
  data: T;
}

/** The routing key on the bus: the event type. */
export function routingKey(event: Pick<CloudEvent, 'type'>): string {
  return event.type;
}
