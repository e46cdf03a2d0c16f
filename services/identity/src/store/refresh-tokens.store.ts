import { newId } from '@mercato/kit';
import type { Kysely } from 'kysely';
import { hashSecret, randomSecret } from '../domain/secrets.ts';
import type { IdentityTables } from './tables.ts';

type Db = Kysely<IdentityTables>;

/** What a refresh token stands for. */
export interface RefreshGrant {
  accountId: string;
  clientId: string;
  scope: string;
  /** Absolute end of the token family: rotation never extends it. */
  expiresAt: Date;
}

/** Issues a refresh token; only its hash is stored. Returns the token itself (shown once). */
export async function issueRefreshToken(db: Db, grant: RefreshGrant, familyId = newId('rtf')): Promise<string> {
  const token = randomSecret();
  await db
    .insertInto('refresh_tokens')
    .values({
      id: newId('rt'),
      token_hash: hashSecret(token),
      family_id: familyId,
      account_id: grant.accountId,
      client_id: grant.clientId,
      scope: grant.scope,
      expires_at: grant.expiresAt,
    })
    .execute();
  return token;
}

/**
 * Exchanges a refresh token for a new one of the same family. A token presented a second time is
 * taken as stolen: the whole family is revoked (OAuth 2.0 Security BCP, refresh token rotation).
 * Returns undefined for any token that cannot be used.
 */
export async function rotateRefreshToken(db: Db, token: string, now = new Date()): Promise<{ token: string; grant: RefreshGrant } | undefined> {
  return db.transaction().execute(async (tx) => {
    const row = await tx.selectFrom('refresh_tokens').selectAll().where('token_hash', '=', hashSecret(token)).forUpdate().executeTakeFirst();
    if (!row || row.revoked_at || row.expires_at <= now) return undefined;
    if (row.consumed_at) {
      await tx.updateTable('refresh_tokens').set({ revoked_at: now }).where('family_id', '=', row.family_id).where('revoked_at', 'is', null).execute();
      return undefined;
    }
    await tx.updateTable('refresh_tokens').set({ consumed_at: now }).where('id', '=', row.id).execute();
    const grant = { accountId: row.account_id, clientId: row.client_id, scope: row.scope, expiresAt: row.expires_at };
    return { token: await issueRefreshToken(tx, grant, row.family_id), grant };
  });
}

/** Revokes the family of a refresh token; returns the account it belonged to, if any. */
export async function revokeRefreshToken(db: Db, token: string, now = new Date()): Promise<string | undefined> {
  const row = await db.selectFrom('refresh_tokens').select(['family_id', 'account_id']).where('token_hash', '=', hashSecret(token)).executeTakeFirst();
  if (!row) return undefined;
  await db.updateTable('refresh_tokens').set({ revoked_at: now }).where('family_id', '=', row.family_id).where('revoked_at', 'is', null).execute();
  return row.account_id;
}

/** Revokes every refresh token of an account issued by the login API. */
export async function revokeAccountRefreshTokens(db: Db, accountId: string, now = new Date()): Promise<void> {
  await db.updateTable('refresh_tokens').set({ revoked_at: now }).where('account_id', '=', accountId).where('revoked_at', 'is', null).execute();
}
