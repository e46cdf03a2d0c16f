import type { ServiceContext } from '@mercato/kit';
import type { Kysely, Transaction } from 'kysely';
import type { OrdersTables } from './tables.ts';

/** The context orders handlers receive. */
export type OrdersContext = ServiceContext<OrdersTables>;
export type Db = Kysely<OrdersTables>;
export type Tx = Transaction<OrdersTables>;
