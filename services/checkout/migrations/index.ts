import type { Migrations } from '@mercato/kit';
import * as m0001 from './0001_checkout.ts';

/** The checkout service's migrations, in order. */
export const migrations: Migrations = { '0001_checkout': m0001 };
