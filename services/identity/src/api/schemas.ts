import { Type, type Static } from '@sinclair/typebox';
import { ROLES } from '../domain/roles.ts';
import { API_SCOPES } from '../domain/scopes.ts';

const Id = (prefix: string) => Type.String({ pattern: `^${prefix}_[0-9a-f]{32}$`, examples: [`${prefix}_0192f1c4a2b37c3d8e9f0a1b2c3d4e5f`] });
const Email = Type.String({ format: 'email', maxLength: 254 });
const Password = Type.String({ minLength: 10, maxLength: 1024, description: 'At least 10 characters' });
const RoleName = Type.Union(ROLES.map((r) => Type.Literal(r)));
const ScopeName = Type.Union(API_SCOPES.map((s) => Type.Literal(s)));

/** An account as the API returns it (never with its password hash). */
export const Account = Type.Object({
  id: Id('acct'),
  email: Type.String(),
  name: Type.String(),
  roles: Type.Array(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
});
export type Account = Static<typeof Account>;

export const RegisterInput = Type.Object(
  { email: Email, password: Password, name: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }) },
  { additionalProperties: false },
);

export const LoginInput = Type.Object({ email: Type.String({ maxLength: 254 }), password: Type.String({ maxLength: 1024 }) }, { additionalProperties: false });

export const RefreshInput = Type.Object({ refresh_token: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });

export const LogoutInput = Type.Object({ refresh_token: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) }, { additionalProperties: false });

export const PasswordChange = Type.Object({ currentPassword: Type.String({ maxLength: 1024 }), newPassword: Password }, { additionalProperties: false });

/** The OAuth 2.0 token response of the first-party login API. */
export const TokenResponse = Type.Object({
  access_token: Type.String(),
  token_type: Type.Literal('Bearer'),
  expires_in: Type.Integer(),
  refresh_token: Type.String(),
  scope: Type.String(),
});

export const RolesInput = Type.Object({ roles: Type.Array(RoleName, { maxItems: ROLES.length, uniqueItems: true }) }, { additionalProperties: false });

export const AccountParams = Type.Object({ id: Type.String({ maxLength: 64 }) });

export const ListQuery = Type.Object(
  { limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }), cursor: Type.Optional(Type.String({ maxLength: 200 })) },
  { additionalProperties: false },
);

/** One page of a cursor-paginated list. */
export const Page = <T extends ReturnType<typeof Type.Object>>(item: T) =>
  Type.Object({ items: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) });

export const ClientInput = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 200 }), scopes: Type.Array(ScopeName, { minItems: 1, maxItems: API_SCOPES.length, uniqueItems: true }) },
  { additionalProperties: false },
);

/** A newly created machine client, with its secret (shown only this once). */
export const CreatedClient = Type.Object({
  client_id: Type.String(),
  client_secret: Type.String({ description: 'Shown only once; only a hash is kept' }),
  name: Type.String(),
  scopes: Type.Array(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
});

/** A signing key's public facts. */
export const SigningKeyInfo = Type.Object({
  kid: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  retiredAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  signing: Type.Boolean({ description: 'Whether new tokens are signed with this key' }),
});
