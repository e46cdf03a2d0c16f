import type { ServiceContext } from '@mercato/kit';
import type { Kysely, Transaction } from 'kysely';
import type { PricingTables } from './tables.ts';

export type PricingContext = ServiceContext<PricingTables>;
export type Db = Kysely<PricingTables>;
export type Tx = Transaction<PricingTables>;
