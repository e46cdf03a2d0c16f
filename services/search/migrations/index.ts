import type { Migrations } from '@mercato/kit';
import * as m0001 from './0001_search.ts';

/** The search service's migrations, in order. */
export const migrations: Migrations = { '0001_search': m0001 };
