import { createLocalJWKSet, decodeProtectedHeader, errors, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose';
import type { Principal } from './principal.ts';

/** Where the verifier gets the identity service's public keys. */
export type JwksSource = () => Promise<JSONWebKeySet>;

/** The audience every Mercato API access token carries. */
export const API_AUDIENCE = 'urn:mercato:api';
/** Asymmetric algorithms accepted; `none` and HMAC never are. */
export const ACCEPTED_ALGORITHMS = ['ES256', 'RS256', 'PS256', 'EdDSA'];

/** Raised for any token that must be answered with 401. */
export class InvalidTokenError extends Error {}

/** At most one refetch per second, and once per unseen kid: a flood of made-up kids cannot hammer identity. */
const REFRESH_MIN_INTERVAL_MS = 1_000;
const MAX_REMEMBERED_KIDS = 1_000;
const CACHE_TTL_MS = 5 * 60_000;

/**
 * Verifies access tokens (JWT, RFC 9068) offline against a cached JWKS. An unknown `kid` triggers
 * one refetch (once per kid, at most every second), which is how rotated keys are picked up.
 */
export class TokenVerifier {
  private keys: ReturnType<typeof createLocalJWKSet> | undefined;
  private fetchedAt = 0;
  private inflight: Promise<void> | undefined;
  private readonly missedKids = new Set<string>();

  constructor(
    private readonly source: JwksSource,
    private readonly issuer: string,
  ) {}

  /** Whether the keys have been loaded at least once (a readiness condition). */
  get loaded(): boolean {
    return this.keys !== undefined;
  }

  /** Loads the keys now (used by readiness and at start). */
  async refresh(): Promise<void> {
    this.inflight ??= this.source()
      .then((jwks) => {
        this.keys = createLocalJWKSet(jwks);
        this.fetchedAt = Date.now();
      })
      .finally(() => {
        this.inflight = undefined;
      });
    return this.inflight;
  }

  /** Verifies a bearer token and returns its principal, or throws InvalidTokenError. */
  async verify(token: string): Promise<Principal> {
    if (!this.keys || Date.now() - this.fetchedAt > CACHE_TTL_MS) await this.refresh().catch(() => undefined);
    if (!this.keys) throw new InvalidTokenError('signing keys are not available');
    try {
      return toPrincipal(await this.verifyWith(token));
    } catch (error) {
      if (error instanceof errors.JWKSNoMatchingKey && this.mayRefetchFor(token)) {
        await this.refresh().catch(() => undefined);
        try {
          return toPrincipal(await this.verifyWith(token));
        } catch (retryError) {
          throw new InvalidTokenError(describe(retryError));
        }
      }
      throw new InvalidTokenError(describe(error));
    }
  }

  /** Whether an unknown key id justifies fetching the JWKS again (a rotation happened since). */
  private mayRefetchFor(token: string): boolean {
    let kid = '';
    try {
      kid = String(decodeProtectedHeader(token).kid ?? '');
    } catch {
      return false;
    }
    if (this.missedKids.has(kid) || Date.now() - this.fetchedAt < REFRESH_MIN_INTERVAL_MS) return false;
    if (this.missedKids.size >= MAX_REMEMBERED_KIDS) this.missedKids.clear();
    this.missedKids.add(kid);
    return true;
  }

  private async verifyWith(token: string): Promise<JWTPayload> {
    const { payload } = await jwtVerify(token, this.keys!, {
      issuer: this.issuer,
      audience: API_AUDIENCE,
      algorithms: ACCEPTED_ALGORITHMS,
      typ: 'at+jwt',
      requiredClaims: ['exp', 'iat', 'sub'],
    });
    return payload;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : 'token rejected';
}

function toPrincipal(payload: JWTPayload): Principal {
  const scope = typeof payload.scope === 'string' ? payload.scope : '';
  const roles = Array.isArray(payload.roles) ? payload.roles.filter((r): r is string => typeof r === 'string') : [];
  const clientId = typeof payload.client_id === 'string' ? payload.client_id : undefined;
  return {
    sub: payload.sub!,
    clientId,
    roles,
    scopes: scope.split(' ').filter(Boolean),
    machine: clientId !== undefined && payload.sub === clientId,
  };
}
