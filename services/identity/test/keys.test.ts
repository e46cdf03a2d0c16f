import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { TestService } from '@mercato/testing';
import { ADMIN_EMAIL, ADMIN_PASSWORD, DEMO_CLIENT_SECRET, basic, decodeJwt, form, register, startIdentity, tokensFor, uniqueEmail, verifierFor } from './helpers.ts';

let identity: TestService;
before(async () => {
  identity = await startIdentity();
});
after(() => identity.stop());

async function machineToken(): Promise<string> {
  const response = await identity.inject({
    method: 'POST',
    url: '/oidc/token',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic('demo-erp', DEMO_CLIENT_SECRET) },
    payload: form({ grant_type: 'client_credentials', scope: 'catalog:read' }),
  });
  assert.equal(response.statusCode, 200, response.body);
  return response.json().access_token;
}

test('key rotation: new tokens carry the new kid, old tokens keep verifying', async () => {
  const email = uniqueEmail('rotation');
  await register(identity, email);
  const admin = (await tokensFor(identity, ADMIN_EMAIL, ADMIN_PASSWORD)).access_token;
  const oldPerson = (await tokensFor(identity, email)).access_token;
  const oldMachine = await machineToken();
  const oldKid = decodeJwt(oldPerson).header.kid;
  assert.equal(decodeJwt(oldMachine).header.kid, oldKid);

  const rotated = await identity.request('POST', '/api/identity/keys/rotate', { token: admin });
  assert.equal(rotated.statusCode, 201, rotated.body);
  const keys = rotated.json().items as Array<{ kid: string; signing: boolean; retiredAt: string | null }>;
  assert.equal(keys.length, 2);
  const newKid = keys.find((k) => k.signing)!.kid;
  assert.notEqual(newKid, oldKid);

  const jwks = (await identity.inject({ method: 'GET', url: '/oidc/jwks' })).json() as { keys: Array<{ kid: string; d?: string }> };
  assert.deepEqual(jwks.keys.map((k) => k.kid).sort(), [oldKid, newKid].sort());
  assert.ok(jwks.keys.every((k) => k.d === undefined), 'the JWKS never contains private parts');

  const newPerson = (await tokensFor(identity, email)).access_token;
  const newMachine = await machineToken();
  assert.equal(decodeJwt(newPerson).header.kid, newKid);
  assert.equal(decodeJwt(newMachine).header.kid, newKid);

  const verifier = verifierFor(identity);
  for (const token of [oldPerson, oldMachine, newPerson, newMachine]) await verifier.verify(token);
  // Identity's own routes accept both (it verifies locally with its own keys).
  for (const token of [oldPerson, newPerson]) {
    assert.equal((await identity.request('GET', '/api/identity/me', { token })).statusCode, 200);
  }
});
