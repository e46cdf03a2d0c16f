import type { Static, TSchema } from '@sinclair/typebox';

/** One event type and the JSON Schema of its `data`: the contract producer and consumers share. */
export interface EventContract<S extends TSchema = TSchema> {
  /** `mercato.<service>.<aggregate>.<past-tense>.v<N>`. */
  type: string;
  schema: S;
}

/** The `data` type of an event contract. */
export type EventData<C extends EventContract> = Static<C['schema']>;

const TYPE = /^mercato\.[a-z][a-z-]*\.[a-z][a-z-]*\.[a-z][a-z-]*\.v[1-9][0-9]*$/;

/** Declares an event contract; the type name must follow the naming rule. */
export function defineEvent<S extends TSchema>(type: string, schema: S): EventContract<S> {
  if (!TYPE.test(type)) throw new Error(`event type ${type} does not match mercato.<service>.<aggregate>.<event>.v<N>`);
  return { type, schema };
}
