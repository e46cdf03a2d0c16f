import type { Kysely } from 'kysely';
import type { CatalogTables } from './tables.ts';

/** A sales channel products can be visible on. */
export interface Channel {
  code: string;
  name: string;
}

/** Every channel, by code. */
export async function listChannels(db: Kysely<CatalogTables>): Promise<Channel[]> {
  return db.selectFrom('channels').select(['code', 'name']).orderBy('code').execute();
}

/** Every channel code (a new product is visible on all of them unless it says otherwise). */
export async function channelCodes(db: Kysely<CatalogTables>): Promise<string[]> {
  return (await listChannels(db)).map((c) => c.code);
}
