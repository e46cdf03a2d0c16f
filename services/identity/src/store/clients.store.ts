import { newId } from '@mercato/kit';
import type { Kysely } from 'kysely';
import { hashSecret, randomSecret } from '../domain/secrets.ts';
import type { IdentityTables } from './tables.ts';

type Db = Kysely<IdentityTables>;

/** A machine client as the API shows it (never with its secret hash). */
export interface MachineClient {
  clientId: string;
  name: string;
  scopes: string[];
  createdAt: string;
}

/**
 * Creates a machine client (client_credentials). Returns the secret once; only its hash is kept.
 * `id` and `secret` are for the seed (a fixed demo client); the API always generates them.
 */
export async function createClient(
  db: Db,
  input: { name: string; scopes: string[]; id?: string; secret?: string },
): Promise<MachineClient & { clientSecret: string }> {
  const clientSecret = input.secret ?? randomSecret();
  const row = await db
    .insertInto('clients')
    .values({ id: input.id ?? newId('cli'), name: input.name, secret_hash: hashSecret(clientSecret), scopes: [...new Set(input.scopes)] })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { clientId: row.id, name: row.name, scopes: row.scopes, createdAt: row.created_at.toISOString(), clientSecret };
}

/** A machine client's row, for the OpenID provider's Client model. */
export function findClientRow(db: Db, id: string) {
  return db.selectFrom('clients').selectAll().where('id', '=', id).executeTakeFirst();
}
