import type { Migrations } from '@mercato/kit';
import * as m0001 from './0001_pricing.ts';
import * as m0002 from './0002_index_changes.ts';
import * as m0003 from './0003_promotions.ts';

/** The pricing service's migrations, in order. */
export const migrations: Migrations = { '0001_pricing': m0001, '0002_index_changes': m0002, '0003_promotions': m0003 };
