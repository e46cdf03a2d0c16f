import type { ServiceContext } from '@mercato/kit';
import type { Kysely, Transaction } from 'kysely';
import type { CheckoutTables } from './tables.ts';

/** The context checkout handlers receive. */
export type CheckoutContext = ServiceContext<CheckoutTables>;
export type Db = Kysely<CheckoutTables>;
export type Tx = Transaction<CheckoutTables>;
