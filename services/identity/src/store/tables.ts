import type { ColumnType } from 'kysely';
import type { JWK } from 'jose';

type CreatedAt = ColumnType<Date, Date | undefined, never>;

/** The identity database, as Kysely sees it. */
export interface IdentityTables {
  accounts: {
    id: string;
    email: string;
    name: string;
    password_hash: string;
    roles: ColumnType<string[], string[] | undefined, string[]>;
    created_at: CreatedAt;
    updated_at: ColumnType<Date, Date | undefined, Date>;
  };
  login_failures: {
    email: string;
    failures: number;
    lockouts: number;
    last_failed_at: Date;
    locked_until: Date | null;
  };
  refresh_tokens: {
    id: string;
    token_hash: string;
    family_id: string;
    account_id: string;
    client_id: string;
    scope: string;
    created_at: CreatedAt;
    expires_at: Date;
    consumed_at: Date | null;
    revoked_at: Date | null;
  };
  clients: {
    id: string;
    name: string;
    secret_hash: string;
    scopes: string[];
    created_at: CreatedAt;
  };
  signing_keys: {
    kid: string;
    private_jwk: ColumnType<JWK, string, never>;
    created_at: ColumnType<Date, Date | undefined, never>;
    retired_at: Date | null;
  };
  oidc_models: {
    kind: string;
    id: string;
    payload: ColumnType<Record<string, unknown>, string, string>;
    grant_id: string | null;
    uid: string | null;
    user_code: string | null;
    account_id: string | null;
    expires_at: Date | null;
    consumed_at: Date | null;
  };
  settings: { key: string; value: string };
}
