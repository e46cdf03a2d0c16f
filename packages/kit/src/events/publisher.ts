import '../config/formats.ts';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import type { TSchema } from '@sinclair/typebox';
import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { KitTables } from '../db/kit-migrations.ts';
import { injectContext } from '../telemetry/tracing.ts';
import type { CloudEvent, NewEvent } from './envelope.ts';

/** An event type a service may publish, with the schema of its data (from `@mercato/contracts`). */
export interface PublishedEvent {
  type: string;
  schema: TSchema;
}

/** Raised when a service publishes an undeclared type or data that breaks its contract. */
export class EventContractError extends Error {}

/** The NOTIFY channel the relay listens on (raised by a trigger on `kit_outbox`). */
export const OUTBOX_CHANNEL = 'kit_outbox';

// Fixed statements: publishing runs inside every business write, so it skips query building.
const NEXT_SEQUENCE = `insert into kit_sequences (subject, last) values ($1, 1)
  on conflict (subject) do update set last = kit_sequences.last + 1 returning last`;
const INSERT_OUTBOX = `insert into kit_outbox (id, type, subject, sequence, envelope) values ($1, $2, $3, $4, $5)`;

/**
 * Writes events into the service's outbox inside the caller's transaction, so the event exists if
 * and only if the state change commits. Each event gets the next gapless sequence number of its
 * subject and the active trace context.
 */
export class EventPublisher {
  private readonly checks = new Map<string, TypeCheck<TSchema>>();

  constructor(
    private readonly service: string,
    contracts: readonly PublishedEvent[],
  ) {
    for (const contract of contracts) this.checks.set(contract.type, TypeCompiler.Compile(contract.schema));
  }

  /** The event types this service declared. */
  get types(): string[] {
    return [...this.checks.keys()];
  }

  /** Publishes through the outbox of the transaction `tx` (never outside a transaction). */
  async publish<T>(tx: Transaction<any>, event: NewEvent<T>): Promise<CloudEvent<T>> {
    const check = this.checks.get(event.type);
    if (!check) throw new EventContractError(`${this.service} does not declare event type ${event.type}`);
    if (!check.Check(event.data)) {
      const first = check.Errors(event.data).First();
      throw new EventContractError(`${event.type} data breaks its contract at ${first?.path || '/'}: ${first?.message}`);
    }
    const db = tx as unknown as Kysely<KitTables>;
    const sequenced = await db.executeQuery<{ last: number }>(CompiledQuery.raw(NEXT_SEQUENCE, [event.subject]));
    const last = sequenced.rows[0]!.last;
    const trace: Record<string, string> = {};
    injectContext(trace);
    const envelope: CloudEvent<T> = {
      specversion: '1.0',
      id: uuidv7(),
      source: `/mercato/${this.service}`,
      type: event.type,
      subject: event.subject,
      time: new Date().toISOString(),
      datacontenttype: 'application/json',
      sequence: last,
      ...(trace.traceparent ? { traceparent: trace.traceparent } : {}),
      ...(trace.tracestate ? { tracestate: trace.tracestate } : {}),
      data: event.data,
    };
    // The insert trigger NOTIFYs the relay on commit (kit migration 0004).
    await db.executeQuery(CompiledQuery.raw(INSERT_OUTBOX, [envelope.id, envelope.type, envelope.subject, last, JSON.stringify(envelope)]));
    return envelope;
  }
}
