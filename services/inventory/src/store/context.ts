import type { ServiceContext } from '@mercato/kit';
import type { Kysely, Transaction } from 'kysely';
import type { InventoryTables } from './tables.ts';

/** The context inventory handlers receive. */
export type InventoryContext = ServiceContext<InventoryTables>;
export type Db = Kysely<InventoryTables>;
export type Tx = Transaction<InventoryTables>;
