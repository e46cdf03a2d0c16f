import type { Transaction } from 'kysely';
import type { ServiceContext } from '../service.ts';
import type { CloudEvent } from './envelope.ts';
import type { PublishedEvent } from './publisher.ts';

/** A service's handler for one event type: runs inside the inbox transaction. */
export interface EventSubscription<DB = unknown> {
  /** The contract (type + data schema) from `@mercato/contracts`. */
  event: PublishedEvent;
  handle(event: CloudEvent<any>, tx: Transaction<DB>, ctx: ServiceContext<DB>): Promise<void>;
}

/** Declares a subscription (identity function that keeps the data type). */
export function onEvent<DB>(event: PublishedEvent, handle: EventSubscription<DB>['handle']): EventSubscription<DB> {
  return { event, handle };
}
