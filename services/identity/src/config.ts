import { parseConfig, type Env } from '@mercato/kit';
import { Type, type Static } from '@sinclair/typebox';

const Seconds = (value: number, description: string) => Type.Integer({ minimum: 1, default: value, description });

/** The identity service's settings, read from the environment once at start. */
export const IdentityConfigSchema = Type.Object({
  MERCATO_ACCESS_TOKEN_TTL_S: Seconds(900, 'Lifetime of access tokens'),
  MERCATO_REFRESH_TOKEN_TTL_S: Seconds(14 * 24 * 3600, 'Absolute lifetime of a refresh-token family (rotation keeps the first expiry)'),
  MERCATO_CLIENT_TOKEN_TTL_S: Seconds(600, 'Lifetime of client_credentials access tokens'),
  MERCATO_SESSION_TTL_S: Seconds(14 * 24 * 3600, 'Lifetime of a browser session at the OpenID provider'),
  MERCATO_LOGIN_MAX_FAILURES: Type.Integer({ minimum: 1, default: 5, description: 'Failed logins before an email is locked' }),
  MERCATO_LOGIN_WINDOW_S: Seconds(900, 'Failures older than this (after the last lock) are forgotten'),
  MERCATO_LOCKOUT_BASE_S: Seconds(60, 'First lock duration; doubles with every further lock'),
  MERCATO_LOCKOUT_MAX_S: Seconds(3600, 'Longest lock duration'),
  MERCATO_KEY_RETIRE_AFTER_S: Seconds(24 * 3600, 'How long a replaced signing key stays in the JWKS'),
  MERCATO_KEY_RELOAD_S: Seconds(30, 'How often a replica checks for keys rotated by another replica'),
  MERCATO_OIDC_DEV_ORIGINS: Type.String({ default: 'http://localhost:5173', description: 'Comma-separated dev-server origins allowed as redirect targets' }),
  MERCATO_IDENTITY_COOKIE_KEYS: Type.Optional(Type.String({ description: 'Comma-separated cookie signing keys (default: generated once, kept in the database)' })),
  MERCATO_ADMIN_PASSWORD: Type.Optional(Type.String({ minLength: 10 })),
  MERCATO_DEMO_CLIENT_SECRET: Type.Optional(Type.String({ minLength: 16 })),
});

/** Parsed identity configuration. */
export type IdentityConfig = Static<typeof IdentityConfigSchema>;

/** Parses the identity configuration; throws a readable error listing every bad variable. */
export function loadConfig(env: Env): IdentityConfig {
  return parseConfig(IdentityConfigSchema, env);
}
