import { API_AUDIENCE } from '@mercato/kit';
import { importJWK, SignJWT } from 'jose';
import { randomSecret } from '../domain/secrets.ts';
import { SIGNING_ALG, type SigningKey } from '../store/signing-keys.store.ts';

const imported = new Map<string, Promise<CryptoKey | Uint8Array>>();

/** Claims of an access token issued outside the OIDC endpoints (the first-party login API). */
export interface AccessTokenClaims {
  sub: string;
  clientId: string;
  scope: string;
  roles: string[];
}

/**
 * Signs an RFC 9068 access token exactly as the OpenID provider does for `urn:mercato:api`: same
 * issuer, audience, `typ: at+jwt`, key and claim set, so no consumer can tell the two apart.
 */
export async function signAccessToken(key: SigningKey, issuer: string, claims: AccessTokenClaims, ttlSeconds: number): Promise<string> {
  let privateKey = imported.get(key.kid);
  if (!privateKey) imported.set(key.kid, (privateKey = importJWK(key.privateJwk, SIGNING_ALG)));
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ roles: claims.roles, scope: claims.scope, client_id: claims.clientId })
    .setProtectedHeader({ alg: SIGNING_ALG, typ: 'at+jwt', kid: key.kid })
    .setJti(randomSecret(16))
    .setSubject(claims.sub)
    .setIssuedAt(now)
    .setExpirationTime(now + ttlSeconds)
    .setIssuer(issuer)
    .setAudience(API_AUDIENCE)
    .sign(await privateKey);
}
