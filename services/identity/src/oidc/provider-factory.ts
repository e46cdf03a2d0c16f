import { API_AUDIENCE } from '@mercato/kit';
import type { Kysely } from 'kysely';
import Provider, { errors, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import type { Logger } from 'pino';
import type { IdentityConfig } from '../config.ts';
import { API_SCOPES, OIDC_SCOPES } from '../domain/scopes.ts';
import { secretMatches } from '../domain/secrets.ts';
import { findAccountRow, rolesOf } from '../store/accounts.store.ts';
import { SIGNING_ALG, type SigningKey } from '../store/signing-keys.store.ts';
import type { IdentityTables } from '../store/tables.ts';
import { MachineClientAdapter, PostgresAdapter } from './adapter.ts';
import { FIRST_PARTY_CLIENT_IDS, firstPartyClients } from './first-party-clients.ts';
import { errorPage, loggedOutPage, logoutPage } from './pages.ts';

/** What every provider instance is built from (only the keys change between instances). */
export interface ProviderDeps {
  db: Kysely<IdentityTables>;
  config: IdentityConfig;
  publicUrl: string;
  cookieKeys: string[];
  log: Logger;
}

/** The provider's endpoints, all under `/oidc` so the gateway forwards them unchanged. */
const ROUTES = {
  authorization: '/oidc/auth',
  token: '/oidc/token',
  jwks: '/oidc/jwks',
  userinfo: '/oidc/me',
  revocation: '/oidc/token/revocation',
  introspection: '/oidc/token/introspection',
  end_session: '/oidc/session/end',
  pushed_authorization_request: '/oidc/request',
  backchannel_authentication: '/oidc/backchannel',
  code_verification: '/oidc/device',
  device_authorization: '/oidc/device/auth',
  registration: '/oidc/reg',
  challenge: '/oidc/challenge',
  credential: '/oidc/credential',
};

/** Scopes an API access token may carry (OpenID scopes included, so person tokens have a `scope`). */
const RESOURCE_SCOPE = [...OIDC_SCOPES, ...API_SCOPES].join(' ');

/** Builds an OpenID provider signing with `keys[0]` and publishing all of `keys` in its JWKS. */
export function createProvider(deps: ProviderDeps, keys: SigningKey[]): Provider {
  const provider = new Provider(deps.publicUrl, configuration(deps, keys));
  // Every URL the provider builds uses the public origin (see oidc.routes.ts), given as forwarded headers.
  provider.proxy = true;
  // Machine client secrets are stored hashed; compare the presented secret with the hash.
  provider.Client.prototype.compareClientSecret = function compareHashed(actual: string) {
    return typeof this.clientSecret === 'string' && secretMatches(this.clientSecret, actual);
  };
  provider.on('server_error', (_ctx: unknown, error: Error) => deps.log.error({ err: error }, 'OpenID provider error'));
  return provider;
}

function configuration(deps: ProviderDeps, keys: SigningKey[]): Configuration {
  const { db, config } = deps;
  const accessTokenTTL = config.MERCATO_ACCESS_TOKEN_TTL_S;
  return {
    adapter: (name: string) => (name === 'Client' ? new MachineClientAdapter(db) : new PostgresAdapter(db, name)),
    clients: firstPartyClients(deps.publicUrl, config),
    jwks: { keys: keys.map((k) => k.privateJwk) as never },
    cookies: {
      keys: deps.cookieKeys,
      long: { httpOnly: true, sameSite: 'lax' },
      short: { httpOnly: true, sameSite: 'lax' },
    },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    scopes: [...OIDC_SCOPES, ...API_SCOPES],
    clientDefaults: { id_token_signed_response_alg: SIGNING_ALG, grant_types: ['authorization_code'], response_types: ['code'] },
    routes: ROUTES,
    responseTypes: ['code'],
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      introspection: { enabled: true },
      revocation: { enabled: true },
      userinfo: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => void ((ctx.type = 'html'), (ctx.body = logoutPage(form, ctx.host))),
        postLogoutSuccessSource: async (ctx) => void ((ctx.type = 'html'), (ctx.body = loggedOutPage())),
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: async () => API_AUDIENCE,
        useGrantedResource: async () => true,
        getResourceServerInfo: async (_ctx, indicator) => {
          if (indicator !== API_AUDIENCE) throw new errors.InvalidTarget(`unknown resource ${indicator}`);
          return { scope: RESOURCE_SCOPE, audience: API_AUDIENCE, accessTokenFormat: 'jwt', accessTokenTTL, jwt: { sign: { alg: SIGNING_ALG } } };
        },
      },
    },
    interactions: { url: async (_ctx, interaction) => `/oidc/interaction/${interaction.uid}` },
    findAccount: async (_ctx, sub) => {
      const row = await findAccountRow(db, sub);
      if (!row) return undefined;
      return { accountId: row.id, claims: async () => ({ sub: row.id, email: row.email, email_verified: false, name: row.name }) };
    },
    // Person tokens carry the account's roles; machine tokens carry none (their rights are scopes).
    extraTokenClaims: async (_ctx, token) => ({ roles: 'accountId' in token && token.accountId ? await rolesOf(db, token.accountId) : [] }),
    loadExistingGrant,
    rotateRefreshToken: () => true,
    clientBasedCORS: (_ctx, origin, client) => client.redirectUris?.some((uri) => new URL(uri).origin === origin) ?? false,
    renderError: async (ctx, out) => void ((ctx.type = 'html'), (ctx.body = errorPage(out))),
    ttl: {
      AccessToken: accessTokenTTL,
      ClientCredentials: config.MERCATO_CLIENT_TOKEN_TTL_S,
      AuthorizationCode: 60,
      IdToken: accessTokenTTL,
      Interaction: 15 * 60,
      Session: config.MERCATO_SESSION_TTL_S,
      Grant: config.MERCATO_SESSION_TTL_S,
      // Rotation keeps the family's first expiry, so a stolen-and-rotated token cannot live forever.
      RefreshToken: (ctx, token) => ctx?.oidc?.entities.RotatedRefreshToken?.remainingTTL ?? config.MERCATO_REFRESH_TOKEN_TTL_S,
    },
  };
}

/**
 * Consent is implied for Mercato's own apps: their grant is created on the spot with what they asked
 * for (the skip-consent recipe of oidc-provider). Other clients would get the consent prompt.
 */
async function loadExistingGrant(ctx: KoaContextWithOIDC) {
  const { oidc } = ctx;
  const grantId = oidc.result?.consent?.grantId ?? oidc.session!.grantIdFor(oidc.client!.clientId);
  if (grantId) return oidc.provider.Grant.find(grantId);
  if (!FIRST_PARTY_CLIENT_IDS.includes(oidc.client!.clientId) || !oidc.session?.accountId) return undefined;
  const grant = new oidc.provider.Grant({ clientId: oidc.client!.clientId, accountId: oidc.session.accountId });
  const requested = [...(oidc.requestParamScopes ?? [])];
  grant.addOIDCScope(requested.filter((s) => (OIDC_SCOPES as readonly string[]).includes(s)).join(' '));
  for (const [indicator, server] of Object.entries(oidc.resourceServers ?? {})) {
    grant.addResourceScope(indicator, requested.filter((s) => server.scopes.has(s)).join(' '));
  }
  await grant.save();
  return grant;
}
