import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { TestService } from '@mercato/testing';
import { ADMIN_EMAIL, ADMIN_PASSWORD, ISSUER, decodeJwt, register, startIdentity, tokensFor, uniqueEmail, verifierFor } from './helpers.ts';

let identity: TestService;
let adminToken: string;
before(async () => {
  identity = await startIdentity();
  adminToken = (await tokensFor(identity, ADMIN_EMAIL, ADMIN_PASSWORD)).access_token;
});
after(() => identity.stop());

test('register, sign in, and the token verifies with the kit verifier on the published JWKS', async () => {
  const email = uniqueEmail();
  const created = await register(identity, email.toUpperCase());
  assert.equal(created.statusCode, 201);
  const account = created.json();
  assert.match(account.id, /^acct_[0-9a-f]{32}$/);
  assert.deepEqual({ email: account.email, roles: account.roles }, { email, roles: ['customer'] });
  assert.equal(created.headers.location, `/api/identity/accounts/${account.id}`);

  const tokens = await tokensFor(identity, email);
  assert.equal(tokens.token_type, 'Bearer');
  assert.ok(tokens.refresh_token && tokens.expires_in > 0);
  const { header, payload } = decodeJwt(tokens.access_token);
  assert.deepEqual([header.alg, header.typ], ['ES256', 'at+jwt']);
  assert.deepEqual([payload.iss, payload.aud, payload.client_id], [ISSUER, 'urn:mercato:api', 'mercato-first-party']);
  const principal = await verifierFor(identity).verify(tokens.access_token);
  assert.deepEqual(principal, { sub: account.id, clientId: 'mercato-first-party', roles: ['customer'], scopes: tokens.scope.split(' '), machine: false });

  const me = await identity.request('GET', '/api/identity/me', { token: tokens.access_token });
  assert.equal(me.statusCode, 200);
  assert.equal(me.json().id, account.id);
});

test('a second account with the same email (any case) is a 409 problem', async () => {
  const email = uniqueEmail();
  assert.equal((await register(identity, email)).statusCode, 201);
  const again = await register(identity, ` ${email.toUpperCase()} `.trim());
  assert.equal(again.statusCode, 409);
  assert.match(String(again.headers['content-type']), /application\/problem\+json/);
  assert.equal(again.json().code, 'email-taken');
});

test('bad registrations are 400 problems', async () => {
  const short = await identity.request('POST', '/api/identity/accounts', { body: { email: uniqueEmail(), password: 'short', name: 'X' } });
  assert.equal(short.statusCode, 400);
  const extra = await identity.request('POST', '/api/identity/accounts', { body: { email: uniqueEmail(), password: 'long enough pass', name: 'X', roles: ['admin'] } });
  assert.equal(extra.statusCode, 400);
  assert.equal(extra.json().code, 'validation-failed');
  const notEmail = await identity.request('POST', '/api/identity/accounts', { body: { email: 'nobody', password: 'long enough pass', name: 'X' } });
  assert.equal(notEmail.statusCode, 400);
  const blankName = await identity.request('POST', '/api/identity/accounts', { body: { email: uniqueEmail(), password: 'long enough pass', name: '   ' } });
  assert.equal(blankName.statusCode, 400);
});

test('registration honours Idempotency-Key: a replay returns the first account', async () => {
  const body = { email: uniqueEmail(), password: 'long enough pass', name: 'Replay' };
  const headers = { 'idempotency-key': `reg-${Math.random()}` };
  const first = await identity.request('POST', '/api/identity/accounts', { body, headers });
  const replay = await identity.request('POST', '/api/identity/accounts', { body, headers });
  assert.equal(replay.statusCode, 201);
  assert.equal(replay.headers['idempotent-replayed'], 'true');
  assert.equal(replay.json().id, first.json().id);
});

test('admin routes: a customer gets 403, no token 401, the admin lists and grants roles', async () => {
  const email = uniqueEmail('staff');
  const { id } = (await register(identity, email)).json();
  const customer = (await tokensFor(identity, email)).access_token;
  assert.equal((await identity.request('GET', '/api/identity/accounts', { token: customer })).statusCode, 403);
  assert.equal((await identity.request('GET', '/api/identity/accounts')).statusCode, 401);
  const rolesBody = { roles: ['customer', 'catalog-manager'] };
  assert.equal((await identity.request('PUT', `/api/identity/accounts/${id}/roles`, { token: customer, body: rolesBody })).statusCode, 403);
  assert.equal((await identity.request('POST', '/api/identity/clients', { token: customer, body: { name: 'x', scopes: ['catalog:read'] } })).statusCode, 403);
  assert.equal((await identity.request('POST', '/api/identity/keys/rotate', { token: customer })).statusCode, 403);

  const updated = await identity.request('PUT', `/api/identity/accounts/${id}/roles`, { token: adminToken, body: rolesBody });
  assert.equal(updated.statusCode, 200);
  assert.deepEqual(updated.json().roles, ['customer', 'catalog-manager']);
  const bad = await identity.request('PUT', `/api/identity/accounts/${id}/roles`, { token: adminToken, body: { roles: ['root'] } });
  assert.equal(bad.statusCode, 400);
  const missing = await identity.request('PUT', '/api/identity/accounts/acct_0/roles', { token: adminToken, body: rolesBody });
  assert.equal(missing.statusCode, 404);

  const fresh = await tokensFor(identity, email);
  assert.deepEqual((await verifierFor(identity).verify(fresh.access_token)).roles, ['customer', 'catalog-manager']);
});

test('the account list is cursor-paginated in creation order', async () => {
  for (let i = 0; i < 3; i++) await register(identity, uniqueEmail('page'));
  const seen: string[] = [];
  let cursor: string | null = null;
  do {
    const url: string = `/api/identity/accounts?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
    const page = await identity.request('GET', url, { token: adminToken });
    assert.equal(page.statusCode, 200);
    const body = page.json() as { items: Array<{ id: string; email: string }>; nextCursor: string | null };
    assert.ok(body.items.length <= 2);
    assert.ok(body.items.every((a) => !('password_hash' in a)));
    seen.push(...body.items.map((a) => a.id));
    cursor = body.nextCursor;
  } while (cursor);
  assert.ok(seen.length >= 4);
  assert.deepEqual(seen, [...seen].sort());
  assert.equal(new Set(seen).size, seen.length);
});
