import { exportJWK, generateKeyPair, SignJWT, type JSONWebKeySet } from 'jose';
import { API_AUDIENCE } from '@mercato/kit';

/** Claims of a test access token. */
export interface TestTokenClaims {
  sub?: string;
  roles?: string[];
  scope?: string;
  clientId?: string;
  /** Seconds from now; negative for an expired token. */
  expiresIn?: number;
  issuer?: string;
}

/** A local token issuer for service tests: an ES256 key pair whose JWKS the service under test trusts. */
export class TestIssuer {
  private constructor(
    private readonly privateKey: CryptoKey,
    readonly jwks: JSONWebKeySet,
    readonly issuer: string,
  ) {}

  static async create(issuer: string): Promise<TestIssuer> {
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'ES256', use: 'sig' };
    return new TestIssuer(privateKey as CryptoKey, { keys: [jwk] }, issuer);
  }

  /** Signs an RFC 9068 access token. */
  async mint(claims: TestTokenClaims = {}): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ roles: claims.roles ?? [], scope: claims.scope ?? '', client_id: claims.clientId ?? 'test' })
      .setProtectedHeader({ alg: 'ES256', kid: 'test-key', typ: 'at+jwt' })
      .setIssuer(claims.issuer ?? this.issuer)
      .setAudience(API_AUDIENCE)
      .setSubject(claims.sub ?? 'acct_test')
      .setIssuedAt(now)
      .setExpirationTime(now + (claims.expiresIn ?? 300))
      .setJti(crypto.randomUUID())
      .sign(this.privateKey);
  }
}
