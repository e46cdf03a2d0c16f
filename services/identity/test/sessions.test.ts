import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { TestService } from '@mercato/testing';
import { PASSWORD, login, register, startIdentity, tokensFor, uniqueEmail, verifierFor } from './helpers.ts';

let identity: TestService;
before(async () => {
  identity = await startIdentity();
});
after(() => identity.stop());

test('a wrong password and an unknown email get the same 401 problem', async () => {
  const email = uniqueEmail();
  await register(identity, email);
  const wrong = await login(identity, email, 'not the password');
  const unknown = await login(identity, uniqueEmail('ghost'), 'not the password');
  assert.equal(wrong.statusCode, 401);
  assert.equal(unknown.statusCode, 401);
  const strip = (body: Record<string, unknown>) => ({ ...body, instance: undefined });
  assert.deepEqual(strip(wrong.json()), strip(unknown.json()));
  assert.equal(wrong.json().code, 'invalid-credentials');
});

test('five failures lock the email: 429 with Retry-After, even with the right password', async () => {
  const email = uniqueEmail('locked');
  await register(identity, email);
  for (let i = 0; i < 5; i++) assert.equal((await login(identity, email, `wrong password ${i}`)).statusCode, 401);
  const locked = await login(identity, email, PASSWORD);
  assert.equal(locked.statusCode, 429);
  assert.equal(locked.json().code, 'too-many-login-attempts');
  assert.ok(Number(locked.headers['retry-after']) > 0 && Number(locked.headers['retry-after']) <= 60);
});

test('unknown emails lock out exactly like known ones (no enumeration through the lock)', async () => {
  const ghost = uniqueEmail('ghost');
  for (let i = 0; i < 5; i++) assert.equal((await login(identity, ghost, 'whatever password')).statusCode, 401);
  assert.equal((await login(identity, ghost, 'whatever password')).statusCode, 429);
});

test('a successful sign-in resets the failure count', async () => {
  const email = uniqueEmail('reset');
  await register(identity, email);
  for (let i = 0; i < 4; i++) await login(identity, email, 'wrong password');
  assert.equal((await login(identity, email)).statusCode, 200);
  for (let i = 0; i < 4; i++) assert.equal((await login(identity, email, 'wrong password')).statusCode, 401);
  assert.equal((await login(identity, email)).statusCode, 200);
});

test('refresh tokens rotate: the old one stops working, and replaying it revokes the family', async () => {
  const email = uniqueEmail('refresh');
  await register(identity, email);
  const first = await tokensFor(identity, email);
  const refreshed = await identity.request('POST', '/api/identity/token', { body: { refresh_token: first.refresh_token } });
  assert.equal(refreshed.statusCode, 200);
  const second = refreshed.json();
  assert.notEqual(second.refresh_token, first.refresh_token);
  assert.equal((await verifierFor(identity).verify(second.access_token)).roles[0], 'customer');

  const replay = await identity.request('POST', '/api/identity/token', { body: { refresh_token: first.refresh_token } });
  assert.equal(replay.statusCode, 401);
  assert.equal(replay.json().code, 'invalid-refresh-token');
  // The replay looked like theft, so the token issued after it is revoked too.
  const afterTheft = await identity.request('POST', '/api/identity/token', { body: { refresh_token: second.refresh_token } });
  assert.equal(afterTheft.statusCode, 401);
});

test('logout revokes the refresh token; with only an access token, all of the account\'s', async () => {
  const email = uniqueEmail('logout');
  await register(identity, email);
  const one = await tokensFor(identity, email);
  assert.equal((await identity.request('POST', '/api/identity/logout', { body: { refresh_token: one.refresh_token } })).statusCode, 204);
  assert.equal((await identity.request('POST', '/api/identity/token', { body: { refresh_token: one.refresh_token } })).statusCode, 401);

  const two = await tokensFor(identity, email);
  const three = await tokensFor(identity, email);
  assert.equal((await identity.request('POST', '/api/identity/logout', { token: two.access_token, body: {} })).statusCode, 204);
  for (const t of [two, three]) {
    assert.equal((await identity.request('POST', '/api/identity/token', { body: { refresh_token: t.refresh_token } })).statusCode, 401);
  }
  assert.equal((await identity.request('POST', '/api/identity/logout', { body: {} })).statusCode, 400);
});

test('changing the password needs the current one and ends every session', async () => {
  const email = uniqueEmail('password');
  await register(identity, email);
  const tokens = await tokensFor(identity, email);
  const wrong = await identity.request('POST', '/api/identity/password', {
    token: tokens.access_token,
    body: { currentPassword: 'not the password', newPassword: 'a brand new password' },
  });
  assert.equal(wrong.statusCode, 403);
  const short = await identity.request('POST', '/api/identity/password', { token: tokens.access_token, body: { currentPassword: PASSWORD, newPassword: 'short' } });
  assert.equal(short.statusCode, 400);
  assert.equal((await identity.request('POST', '/api/identity/password', { body: { currentPassword: PASSWORD, newPassword: 'a brand new password' } })).statusCode, 401);

  const changed = await identity.request('POST', '/api/identity/password', {
    token: tokens.access_token,
    body: { currentPassword: PASSWORD, newPassword: 'a brand new password' },
  });
  assert.equal(changed.statusCode, 204);
  assert.equal((await identity.request('POST', '/api/identity/token', { body: { refresh_token: tokens.refresh_token } })).statusCode, 401);
  assert.equal((await login(identity, email)).statusCode, 401);
  assert.equal((await login(identity, email, 'a brand new password')).statusCode, 200);
});
