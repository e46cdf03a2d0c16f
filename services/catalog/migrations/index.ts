import type { Migrations } from '@mercato/kit';
import * as m0001 from './0001_catalog.ts';

/** The catalog's migrations, in order. */
export const migrations: Migrations = { '0001_catalog': m0001 };
