import type { Migrations } from '@mercato/kit';
import * as m0001 from './0001_notifications.ts';

/** The notifications service's migrations, in order. */
export const migrations: Migrations = { '0001_notifications': m0001 };
