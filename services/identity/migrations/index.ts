import type { Migrations } from '@mercato/kit';
import * as m0001 from './0001_identity.ts';

/** The identity service's migrations, in order. */
export const migrations: Migrations = { '0001_identity': m0001 };
