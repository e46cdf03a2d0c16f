import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { decodeJwt, decodeProtectedHeader, importJWK, SignJWT, type JWK } from 'jose';
import * as oidc from 'openid-client';
import pg from 'pg';
import type { TestPlatform, TopologyKind } from '@mercato/testing';
import { assertProblem, call, productBody } from '../support.ts';

const DEMO_CLIENT = { id: 'demo-erp', secret: 'demo-client-secret-for-tests' };

/** OpenID Connect through the gateway, against a running platform. */
export function oidcSuite(kind: TopologyKind, getPlatform: () => TestPlatform): void {
  describe(`OpenID Connect through the gateway (${kind})`, () => {
    let platform: TestPlatform;
    let machineToken: string;
    before(async () => {
      platform = getPlatform();
    });

    it('lets a real OIDC client discover the issuer and get a client_credentials token the gateway accepts', async () => {
      const config = await oidc.discovery(new URL(platform.url), DEMO_CLIENT.id, DEMO_CLIENT.secret, undefined, {
        execute: [oidc.allowInsecureRequests],
      });
      assert.equal(config.serverMetadata().issuer, platform.url);
      assert.equal(config.serverMetadata().jwks_uri, `${platform.url}/oidc/jwks`);
      const tokens = await oidc.clientCredentialsGrant(config, { scope: 'catalog:read catalog:write' });
      machineToken = tokens.access_token;
      assert.equal(decodeProtectedHeader(machineToken).typ, 'at+jwt');
      assert.equal(decodeJwt(machineToken).sub, DEMO_CLIENT.id);
      const created = await call(platform.url, 'POST', '/api/catalog/products', { token: machineToken, body: productBody(`ERP-${kind}`) });
      assert.equal(created.status, 201, JSON.stringify(created.body));
    });

    it('answers 401 to expired, tampered, wrong-issuer, unknown-key and alg:none tokens', async () => {
      const { jwk, kid } = await currentSigningKey(platform.databaseUrl('identity'));
      const key = await importJWK(jwk, 'ES256');
      const now = Math.floor(Date.now() / 1000);
      const sign = (claims: { iss?: string; exp?: number }, signingKey = key, keyId = kid) =>
        new SignJWT({ roles: ['admin'], scope: '', client_id: 'mercato-first-party' })
          .setProtectedHeader({ alg: 'ES256', kid: keyId, typ: 'at+jwt' })
          .setIssuer(claims.iss ?? platform.url)
          .setAudience('urn:mercato:api')
          .setSubject('acct_forged')
          .setIssuedAt(now - 600)
          .setExpirationTime(claims.exp ?? now + 600)
          .sign(signingKey);

      const valid = await sign({});
      assert.equal((await call(platform.url, 'GET', '/api/identity/me', { token: valid })).status !== 401, true, 'control: a well-signed token passes');

      const [header, payload, signature] = machineToken.split('.');
      const escalated = Buffer.from(JSON.stringify({ ...decodeJwt(machineToken), roles: ['admin'] })).toString('base64url');
      const other = await importJWK({ ...(await generateEcJwk()) }, 'ES256');
      const cases: Record<string, string> = {
        expired: await sign({ exp: now - 120 }),
        tampered: `${header}.${escalated}.${signature}`,
        'wrong issuer': await sign({ iss: 'http://evil.example' }),
        'unknown key with a known kid': await sign({}, other as CryptoKey),
        'alg none': `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'at+jwt' })).toString('base64url')}.${payload}.`,
      };
      for (const [name, token] of Object.entries(cases)) {
        const answer = await call(platform.url, 'GET', '/api/catalog/products?limit=1', { token });
        assertProblem(answer, 401, 'unauthorized');
        assert.match(answer.headers.get('www-authenticate') ?? '', /^Bearer/, name);
      }
    });
  });
}

async function currentSigningKey(url: string): Promise<{ jwk: JWK; kid: string }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query('select kid, private_jwk from signing_keys where retired_at is null order by created_at desc limit 1');
    const jwk = typeof rows[0].private_jwk === 'string' ? JSON.parse(rows[0].private_jwk) : rows[0].private_jwk;
    return { jwk, kid: rows[0].kid };
  } finally {
    await client.end();
  }
}

async function generateEcJwk(): Promise<JWK> {
  const { generateKeyPair, exportJWK } = await import('jose');
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  return exportJWK(privateKey);
}
