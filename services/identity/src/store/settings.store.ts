import type { Kysely } from 'kysely';
import type { IdentityTables } from './tables.ts';

/**
 * A setting shared by all replicas: the stored value, or `create()` stored on first use (the first
 * replica to write wins, so every replica ends up with the same value).
 */
export async function sharedSetting(db: Kysely<IdentityTables>, key: string, create: () => string): Promise<string> {
  await db.insertInto('settings').values({ key, value: create() }).onConflict((oc) => oc.column('key').doNothing()).execute();
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirstOrThrow();
  return row.value;
}
