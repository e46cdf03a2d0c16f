import type { Migrations } from '@mercato/kit';
import * as m0001 from './0001_customers.ts';

/** The customers service's migrations, in order. */
export const migrations: Migrations = { '0001_customers': m0001 };
