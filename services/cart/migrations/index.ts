import type { Migrations } from '@mercato/kit';
import * as m0001 from './0001_cart.ts';

/** The cart service's migrations, in order. */
export const migrations: Migrations = { '0001_cart': m0001 };
