import type { Migrations } from '@mercato/kit';
import * as m0001 from './0001_orders.ts';

/** The orders service's migrations, in order. */
export const migrations: Migrations = { '0001_orders': m0001 };
