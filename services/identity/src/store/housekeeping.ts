import { sql, type Kysely } from 'kysely';
import { sweepExpired } from '../oidc/adapter.ts';
import type { IdentityTables } from './tables.ts';

const DAY_MS = 86_400_000;

/**
 * Deletes expired provider artifacts, dead refresh tokens and stale login failures, and the kit's
 * idempotency records of client creation after a day: to replay, they keep the response, which
 * holds the new client's secret in clear.
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
  const cutoff = new Date(now - DAY_MS);
  await sql`delete from kit_idempotency where scope like '% POST /api/identity/clients' and created_at < ${cutoff}`.execute(db);
}
