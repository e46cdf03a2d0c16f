import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import type { TestService } from '@mercato/testing';
import { ADMIN_EMAIL, ADMIN_PASSWORD, DEMO_CLIENT_SECRET, ISSUER, basic, decodeJwt, form, startIdentity, tokensFor, verifierFor } from './helpers.ts';

let identity: TestService;
before(async () => {
  identity = await startIdentity();
});
after(() => identity.stop());

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

function clientCredentials(clientId: string, secret: string, scope?: string) {
  return identity.inject({
    method: 'POST',
    url: '/oidc/token',
    headers: { ...FORM, authorization: basic(clientId, secret) },
    payload: form({ grant_type: 'client_credentials', ...(scope ? { scope } : {}) }),
  });
}

test('discovery: issuer is the public URL and every endpoint is under /oidc', async () => {
  const response = await identity.inject({ method: 'GET', url: '/.well-known/openid-configuration' });
  assert.equal(response.statusCode, 200);
  const doc = response.json();
  assert.equal(doc.issuer, ISSUER);
  const endpoints = {
    authorization_endpoint: '/oidc/auth',
    token_endpoint: '/oidc/token',
    jwks_uri: '/oidc/jwks',
    userinfo_endpoint: '/oidc/me',
    revocation_endpoint: '/oidc/token/revocation',
    introspection_endpoint: '/oidc/token/introspection',
    end_session_endpoint: '/oidc/session/end',
  };
  for (const [key, path] of Object.entries(endpoints)) assert.equal(doc[key], ISSUER + path, key);
  assert.deepEqual(doc.code_challenge_methods_supported, ['S256']);
  assert.ok(doc.grant_types_supported.includes('client_credentials'));
  assert.ok(!doc.grant_types_supported.includes('implicit'));
});

test('client_credentials with the seeded demo-erp client: a JWT access token the verifier accepts', async () => {
  const response = await clientCredentials('demo-erp', DEMO_CLIENT_SECRET, 'catalog:read catalog:write');
  assert.equal(response.statusCode, 200, response.body);
  const body = response.json();
  assert.equal(body.token_type, 'Bearer');
  assert.equal(body.scope, 'catalog:read catalog:write');
  assert.equal(decodeJwt(body.access_token).header.typ, 'at+jwt');
  const principal = await verifierFor(identity).verify(body.access_token);
  assert.deepEqual(principal, { sub: 'demo-erp', clientId: 'demo-erp', roles: [], scopes: ['catalog:read', 'catalog:write'], machine: true });
  // A machine has no account.
  assert.equal((await identity.request('GET', '/api/identity/me', { token: body.access_token })).statusCode, 404);
});

test('a wrong client secret is 401 invalid_client; a scope the client lacks is invalid_scope', async () => {
  const wrong = await clientCredentials('demo-erp', 'not-the-secret');
  assert.equal(wrong.statusCode, 401);
  assert.equal(wrong.json().error, 'invalid_client');
  const unknown = await clientCredentials('nobody', DEMO_CLIENT_SECRET);
  assert.equal(unknown.statusCode, 401);
  const scope = await clientCredentials('demo-erp', DEMO_CLIENT_SECRET, 'orders:write');
  assert.equal(scope.statusCode, 400);
  assert.equal(scope.json().error, 'invalid_scope');
});

test('an admin creates a machine client; its secret is shown once and works', async () => {
  const admin = (await tokensFor(identity, ADMIN_EMAIL, ADMIN_PASSWORD)).access_token;
  const created = await identity.request('POST', '/api/identity/clients', { token: admin, body: { name: 'PIM sync', scopes: ['catalog:write', 'inventory:read'] } });
  assert.equal(created.statusCode, 201, created.body);
  const { client_id, client_secret } = created.json();
  assert.match(client_id, /^cli_/);
  const response = await clientCredentials(client_id, client_secret, 'inventory:read');
  assert.equal(response.statusCode, 200, response.body);
  assert.deepEqual((await verifierFor(identity).verify(response.json().access_token)).scopes, ['inventory:read']);
  const bad = await identity.request('POST', '/api/identity/clients', { token: admin, body: { name: 'x', scopes: ['root:all'] } });
  assert.equal(bad.statusCode, 400);
});

test('the OIDC endpoints work over real HTTP too (body read from the socket, not inject)', async () => {
  const app = identity.service.app;
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  const response = await fetch(`http://127.0.0.1:${port}/oidc/token`, {
    method: 'POST',
    headers: { ...FORM, authorization: basic('demo-erp', DEMO_CLIENT_SECRET) },
    body: form({ grant_type: 'client_credentials', scope: 'catalog:read' }),
  });
  assert.equal(response.status, 200);
  const { access_token } = (await response.json()) as { access_token: string };
  assert.equal((await verifierFor(identity).verify(access_token)).sub, 'demo-erp');
  const discovery = (await (await fetch(`http://127.0.0.1:${port}/.well-known/openid-configuration`)).json()) as { token_endpoint: string };
  // The provider builds URLs from the public origin, whatever Host the request used.
  assert.equal(discovery.token_endpoint, `${ISSUER}/oidc/token`);
});
