import { problem } from '@mercato/kit';
import { identityErrors } from '../errors.ts';
import type { Identity } from '../identity.ts';
import { revokeAccountArtifacts } from '../oidc/adapter.ts';
import { signAccessToken } from '../oidc/access-token.ts';
import { rolesOf } from '../store/accounts.store.ts';
import { issueRefreshToken, revokeAccountRefreshTokens, rotateRefreshToken, type RefreshGrant } from '../store/refresh-tokens.store.ts';
import { FIRST_PARTY_CLIENT_ID, FIRST_PARTY_SCOPE } from './scopes.ts';

/** The token response of the first-party login API (OAuth 2.0 token response shape). */
export interface TokenSet {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  refresh_token: string;
  scope: string;
}

/** Starts a session for a signed-in account: an access token and a new refresh-token family. */
export async function startSession(identity: Identity, accountId: string, roles: string[]): Promise<TokenSet> {
  const expiresAt = new Date(Date.now() + identity.config.MERCATO_REFRESH_TOKEN_TTL_S * 1000);
  const grant: RefreshGrant = { accountId, clientId: FIRST_PARTY_CLIENT_ID, scope: FIRST_PARTY_SCOPE, expiresAt };
  const refreshToken = await issueRefreshToken(identity.db, grant);
  return tokenSet(identity, grant, roles, refreshToken);
}

/** Rotates a refresh token: the old one stops working; roles are read afresh. */
export async function refreshSession(identity: Identity, refreshToken: string): Promise<TokenSet> {
  const rotated = await rotateRefreshToken(identity.db, refreshToken);
  if (!rotated) throw problem(identityErrors.invalidRefreshToken);
  return tokenSet(identity, rotated.grant, await rolesOf(identity.db, rotated.grant.accountId), rotated.token);
}

/** Ends every session of an account: login-API refresh tokens and the provider's sessions, grants and tokens. */
export async function endAllSessions(identity: Identity, accountId: string): Promise<void> {
  await revokeAccountRefreshTokens(identity.db, accountId);
  await revokeAccountArtifacts(identity.db, accountId);
}

async function tokenSet(identity: Identity, grant: RefreshGrant, roles: string[], refreshToken: string): Promise<TokenSet> {
  const { signingKey } = await identity.oidc.current();
  const ttl = identity.config.MERCATO_ACCESS_TOKEN_TTL_S;
  const claims = { sub: grant.accountId, clientId: grant.clientId, scope: grant.scope, roles };
  const accessToken = await signAccessToken(signingKey, identity.ctx.publicUrl, claims, ttl);
  return { access_token: accessToken, token_type: 'Bearer', expires_in: ttl, refresh_token: refreshToken, scope: grant.scope };
}
