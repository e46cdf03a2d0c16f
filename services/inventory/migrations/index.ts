import type { Migrations } from '@mercato/kit';
import * as m0001 from './0001_inventory.ts';

/** The inventory's migrations, in order. */
export const migrations: Migrations = { '0001_inventory': m0001 };
