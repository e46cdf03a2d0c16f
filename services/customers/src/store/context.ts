import type { ServiceContext } from '@mercato/kit';
import type { Kysely, Transaction } from 'kysely';
import type { CustomersTables } from './tables.ts';

/** The context customers handlers receive. */
export type CustomersContext = ServiceContext<CustomersTables>;
export type Db = Kysely<CustomersTables>;
export type Tx = Transaction<CustomersTables>;
