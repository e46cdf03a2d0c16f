import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';
import { sql, type Kysely } from 'kysely';
import type { IdentityTables } from './tables.ts';

type Db = Kysely<IdentityTables>;

/** The one signature algorithm identity signs with. */
export const SIGNING_ALG = 'ES256';

/** A signing key as stored: private JWK (with kid, alg and use set). */
export interface SigningKey {
  kid: string;
  privateJwk: JWK;
  createdAt: Date;
  retiredAt: Date | null;
}

/** Keys still published, newest first: the first one signs, the others only verify. */
export async function activeKeys(db: Db): Promise<SigningKey[]> {
  const rows = await db.selectFrom('signing_keys').selectAll().where('retired_at', 'is', null).orderBy('created_at', 'desc').orderBy('kid', 'desc').execute();
  return rows.map((r) => ({ kid: r.kid, privateJwk: r.private_jwk, createdAt: r.created_at, retiredAt: r.retired_at }));
}

/** Every key ever made, newest first (for the admin listing). */
export async function allKeys(db: Db): Promise<Array<Omit<SigningKey, 'privateJwk'>>> {
  const rows = await db.selectFrom('signing_keys').select(['kid', 'created_at', 'retired_at']).orderBy('created_at', 'desc').execute();
  return rows.map((r) => ({ kid: r.kid, createdAt: r.created_at, retiredAt: r.retired_at }));
}

/** The public half of a stored key. */
export function publicJwk(key: SigningKey): JWK {
  const { d: _d, ...pub } = key.privateJwk;
  return pub;
}

/** The JWKS identity publishes: the public halves of the active keys. */
export async function publishedJwks(db: Db): Promise<{ keys: JWK[] }> {
  return { keys: (await activeKeys(db)).map(publicJwk) };
}

/** Creates the first signing key unless one exists (replicas starting together make only one). */
export async function ensureSigningKey(db: Db): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(hashtext('mercato.identity.signing_keys'))`.execute(tx);
    const existing = await tx.selectFrom('signing_keys').select('kid').where('retired_at', 'is', null).executeTakeFirst();
    if (!existing) await insertNewKey(tx);
  });
}

/**
 * Makes a new signing key (it signs from now on) and retires keys that stopped signing more than
 * `retireAfterMs` ago: by then every token they signed has expired.
 */
export async function rotateSigningKey(db: Db, retireAfterMs: number): Promise<string> {
  return db.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(hashtext('mercato.identity.signing_keys'))`.execute(tx);
    const kid = await insertNewKey(tx);
    const keys = await tx.selectFrom('signing_keys').select(['kid', 'created_at']).where('retired_at', 'is', null).orderBy('created_at', 'desc').execute();
    const cutoff = Date.now() - retireAfterMs;
    // A key stopped signing when its successor (the previous entry, newest first) was created.
    const retire = keys.filter((_key, i) => i > 0 && keys[i - 1]!.created_at.getTime() < cutoff).map((k) => k.kid);
    if (retire.length) await tx.updateTable('signing_keys').set({ retired_at: new Date() }).where('kid', 'in', retire).execute();
    return kid;
  });
}

async function insertNewKey(db: Db): Promise<string> {
  const { privateKey } = await generateKeyPair(SIGNING_ALG, { extractable: true });
  const jwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint(jwk);
  await db
    .insertInto('signing_keys')
    .values({ kid, private_jwk: JSON.stringify({ ...jwk, kid, alg: SIGNING_ALG, use: 'sig' }) })
    .execute();
  return kid;
}
