import type { Migrations } from '@mercato/kit';
import * as m0001 from './0001_catalog.ts';
import * as m0002 from './0002_pim.ts';
import * as m0003 from './0003_import_jobs.ts';

/** The catalog's migrations, in order. */
export const migrations: Migrations = { '0001_catalog': m0001, '0002_pim': m0002, '0003_import_jobs': m0003 };
