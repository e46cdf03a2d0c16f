import type { Migrations } from '@mercato/kit';
import * as m0001 from './0001_search.ts';
import * as m0002 from './0002_generations.ts';

/** The search service's migrations, in order. */
export const migrations: Migrations = { '0001_search': m0001, '0002_generations': m0002 };
