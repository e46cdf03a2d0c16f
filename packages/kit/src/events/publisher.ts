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

// One fixed statement per published event: publishing runs inside every business write, so it skips
// query building and takes one round trip. The subject's next sequence is taken (its row stays
// locked until the transaction ends, so writers of one subject serialize) and written into the
// envelope by the same statement.
const PUBLISH = `
  with next as (
    insert into kit_sequences (subject, last) values ($3, 1)
    on conflict (subject) do update set last = kit_sequences.last + 1
    returning last
  )
  insert into kit_outbox (id, type, subject, sequence, envelope)
  select $1::uuid, $2::text, $3::text, next.last, jsonb_set($4::jsonb, '{sequence}', to_jsonb(next.last)) from next
  returning sequence`;
// publishMany: every subject's sequence moves by its count in one statement (subjects sorted, so
// concurrent writers lock them in the same order); `last` is the subject's new last sequence.
const NEXT_SEQUENCES = `insert into kit_sequences (subject, last)
  select subject, n from unnest($1::text[], $2::int[]) as u(subject, n)
  on conflict (subject) do update set last = kit_sequences.last + excluded.last
  returning subject, last`;
const INSERT_OUTBOX_MANY = `insert into kit_outbox (id, type, subject, sequence, envelope)
  select * from unnest($1::uuid[], $2::text[], $3::text[], $4::int[], $5::jsonb[])`;

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
      sequence: 0, // set by the statement
      ...(trace.traceparent ? { traceparent: trace.traceparent } : {}),
      ...(trace.tracestate ? { tracestate: trace.tracestate } : {}),
      data: event.data,
    };
    // The insert trigger NOTIFYs the relay on commit (kit migration 0004).
    const db = tx as unknown as Kysely<KitTables>;
    const written = await db.executeQuery<{ sequence: number }>(CompiledQuery.raw(PUBLISH, [envelope.id, envelope.type, envelope.subject, JSON.stringify(envelope)]));
    envelope.sequence = written.rows[0]!.sequence;
    return envelope;
  }

  /**
   * Publishes many events through the outbox of `tx` with two statements in all (instead of two per
   * event), for bulk writes such as imports. Same checks, sequencing and envelopes as `publish`;
   * events of one subject get consecutive sequence numbers in the order given.
   */
  async publishMany<T>(tx: Transaction<any>, events: readonly NewEvent<T>[]): Promise<CloudEvent<T>[]> {
    if (events.length === 0) return [];
    const counts = new Map<string, number>();
    for (const event of events) {
      const check = this.checks.get(event.type);
      if (!check) throw new EventContractError(`${this.service} does not declare event type ${event.type}`);
      if (!check.Check(event.data)) {
        const first = check.Errors(event.data).First();
        throw new EventContractError(`${event.type} data breaks its contract at ${first?.path || '/'}: ${first?.message}`);
      }
      counts.set(event.subject, (counts.get(event.subject) ?? 0) + 1);
    }
    const db = tx as unknown as Kysely<KitTables>;
    const subjects = [...counts.keys()].sort();
    const sequenced = await db.executeQuery<{ subject: string; last: number }>(
      CompiledQuery.raw(NEXT_SEQUENCES, [subjects, subjects.map((s) => counts.get(s)!)]),
    );
    const next = new Map(sequenced.rows.map((r) => [r.subject, r.last - counts.get(r.subject)!]));
    const trace: Record<string, string> = {};
    injectContext(trace);
    const time = new Date().toISOString();
    const envelopes = events.map((event): CloudEvent<T> => {
      const sequence = next.get(event.subject)! + 1;
      next.set(event.subject, sequence);
      return {
        specversion: '1.0',
        id: uuidv7(),
        source: `/mercato/${this.service}`,
        type: event.type,
        subject: event.subject,
        time,
        datacontenttype: 'application/json',
        sequence,
        ...(trace.traceparent ? { traceparent: trace.traceparent } : {}),
        ...(trace.tracestate ? { tracestate: trace.tracestate } : {}),
        data: event.data,
      };
    });
    await db.executeQuery(
      CompiledQuery.raw(INSERT_OUTBOX_MANY, [
        envelopes.map((e) => e.id),
        envelopes.map((e) => e.type),
        envelopes.map((e) => e.subject),
        envelopes.map((e) => e.sequence),
        envelopes.map((e) => JSON.stringify(e)),
      ]),
    );
    return envelopes;
  }
}
