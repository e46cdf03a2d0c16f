import type { Kysely } from 'kysely';
import type { Adapter, AdapterPayload } from 'oidc-provider';
import { hashSecret } from '../domain/secrets.ts';
import { findClientRow } from '../store/clients.store.ts';
import type { IdentityTables } from '../store/tables.ts';

type Db = Kysely<IdentityTables>;

/**
 * oidc-provider's storage in PostgreSQL: one `oidc_models` row per artifact (session, interaction,
 * grant, authorization code, refresh token, …), so every identity replica sees the same state.
 * Ids are stored hashed and the `jti` (the same value) is left out of the payload, so the table
 * never holds a usable token or session cookie.
 */
export class PostgresAdapter implements Adapter {
  constructor(
    private readonly db: Db,
    private readonly kind: string,
  ) {}

  async upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
    const { jti, ...rest } = payload;
    const stored = jti === id ? rest : payload;
    const values = {
      payload: JSON.stringify(stored),
      grant_id: payload.grantId ?? null,
      uid: payload.uid ?? null,
      user_code: payload.userCode ?? null,
      account_id: payload.accountId ?? null,
      expires_at: expiresIn ? new Date(Date.now() + expiresIn * 1000) : null,
    };
    await this.db
      .insertInto('oidc_models')
      .values({ kind: this.kind, id: key(id), ...values })
      .onConflict((oc) => oc.columns(['kind', 'id']).doUpdateSet(values))
      .execute();
  }

  async find(id: string): Promise<AdapterPayload | undefined> {
    return this.findWhere('id', key(id), id);
  }

  async findByUid(uid: string): Promise<AdapterPayload | undefined> {
    return this.findWhere('uid', uid);
  }

  async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    return this.findWhere('user_code', userCode);
  }

  async consume(id: string): Promise<void> {
    await this.db.updateTable('oidc_models').set({ consumed_at: new Date() }).where('kind', '=', this.kind).where('id', '=', key(id)).execute();
  }

  async destroy(id: string): Promise<void> {
    await this.db.deleteFrom('oidc_models').where('kind', '=', this.kind).where('id', '=', key(id)).execute();
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    await this.db.deleteFrom('oidc_models').where('grant_id', '=', grantId).execute();
  }

  private async findWhere(column: 'id' | 'uid' | 'user_code', value: string, rawId?: string): Promise<AdapterPayload | undefined> {
    const row = await this.db
      .selectFrom('oidc_models')
      .select(['payload', 'consumed_at'])
      .where('kind', '=', this.kind)
      .where(column, '=', value)
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', new Date())]))
      .executeTakeFirst();
    if (!row) return undefined;
    const payload = row.payload as AdapterPayload;
    return {
      ...payload,
      ...(rawId !== undefined && payload.jti === undefined ? { jti: rawId } : {}),
      ...(row.consumed_at ? { consumed: Math.floor(row.consumed_at.getTime() / 1000) } : {}),
    };
  }
}

/**
 * The provider's `Client` model: machine clients from the `clients` table (client_credentials only).
 * `client_secret` carries the secret's hash; the provider compares through `compareClientSecret`,
 * which `provider-factory.ts` replaces with a hash comparison.
 */
export class MachineClientAdapter implements Adapter {
  constructor(private readonly db: Db) {}

  async find(id: string): Promise<AdapterPayload | undefined> {
    const row = await findClientRow(this.db, id);
    if (!row) return undefined;
    return {
      client_id: row.id,
      client_name: row.name,
      client_secret: row.secret_hash,
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
      token_endpoint_auth_method: 'client_secret_basic',
      scope: row.scopes.join(' '),
    };
  }

  async upsert(): Promise<void> {
    throw new Error('machine clients are managed through /api/identity/clients');
  }
  async findByUid(): Promise<undefined> {}
  async findByUserCode(): Promise<undefined> {}
  async consume(): Promise<void> {}
  async destroy(): Promise<void> {}
  async revokeByGrantId(): Promise<void> {}
}

/** Removes every OIDC artifact of an account (sessions, grants, codes, refresh tokens). */
export async function revokeAccountArtifacts(db: Db, accountId: string): Promise<void> {
  await db.deleteFrom('oidc_models').where('account_id', '=', accountId).execute();
}

/** Deletes OIDC artifacts that expired more than an hour ago (rows are also ignored once expired). */
export async function sweepExpired(db: Db): Promise<void> {
  await db.deleteFrom('oidc_models').where('expires_at', '<', new Date(Date.now() - 3_600_000)).execute();
}

function key(id: string): string {
  return hashSecret(id);
}
