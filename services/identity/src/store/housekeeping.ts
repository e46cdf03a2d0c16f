import type { Kysely } from 'kysely';
import { sweepExpired } from '../oidc/adapter.ts';
import type { IdentityTables } from './tables.ts';

const DAY_MS = 86_400_000;

/**
 * Deletes expired provider artifacts, dead refresh tokens and stale login failures. (The kit sweeps
 * its idempotency records after a day, including client-creation replays that hold a secret.)
 */
export async function sweep(db: Kysely<IdentityTables>, loginWindowMs: number): Promise<void> {
  const now = Date.now();
  await sweepExpired(db);
  await db.deleteFrom('refresh_tokens').where('expires_at', '<', new Date(now - DAY_MS)).execute();
  await db
    .deleteFrom('login_failures')
    .where('last_failed_at', '<', new Date(now - loginWindowMs))
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', new Date(now - loginWindowMs))]))
    .execute();
}
