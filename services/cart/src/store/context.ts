import type { ServiceContext } from '@mercato/kit';
import type { Kysely, Transaction } from 'kysely';
import type { CartTables } from './tables.ts';

/** The context cart handlers receive. */
export type CartContext = ServiceContext<CartTables>;
export type Db = Kysely<CartTables>;
export type Tx = Transaction<CartTables>;
