import type { Migrations } from '@mercato/kit';
import * as m0001 from './0001_cart.ts';
import * as m0002 from './0002_checkout.ts';

/** The cart service's migrations, in order. */
export const migrations: Migrations = { '0001_cart': m0001, '0002_checkout': m0002 };
