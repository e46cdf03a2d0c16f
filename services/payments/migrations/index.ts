import type { Migrations } from '@mercato/kit';
import * as m0001 from './0001_payments.ts';

/** The payments service's migrations, in order. */
export const migrations: Migrations = { '0001_payments': m0001 };
