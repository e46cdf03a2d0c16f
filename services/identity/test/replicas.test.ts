import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { databaseUrl, defineTopology, ensureDatabase, InProcessBus, InProcessTransport, startService, type RunningService } from '@mercato/kit';
import { dropDatabases, testServerUrl, uniquePrefix } from '@mercato/testing';
import identity from '../src/main.ts';
import { ADMIN_EMAIL, ADMIN_PASSWORD, DEMO_CLIENT_SECRET, ISSUER, basic, decodeJwt, form } from './helpers.ts';

// Two identity replicas on one database, as in the processes and kubernetes topologies.
let serverUrl: string;
let prefix: string;
let replicas: RunningService[];

before(async () => {
  serverUrl = await testServerUrl();
  prefix = uniquePrefix();
  await ensureDatabase(serverUrl, `${prefix}identity`);
  const topology = defineTopology({ services: { identity: { load: async () => ({ default: identity }), calls: [] } } });
  const env = { MERCATO_ADMIN_PASSWORD: ADMIN_PASSWORD, MERCATO_DEMO_CLIENT_SECRET: DEMO_CLIENT_SECRET, MERCATO_KEY_RELOAD_S: '1' };
  const start = () =>
    startService(identity, {
      topology,
      transport: new InProcessTransport(),
      bus: new InProcessBus(() => undefined), // identity publishes account events; nobody consumes them here
      publicUrl: ISSUER,
      databaseUrl: databaseUrl(serverUrl, `${prefix}identity`),
      logLevel: 'silent',
      seed: true,
      env,
    });
  replicas = await Promise.all([start(), start()]);
});
after(async () => {
  await Promise.all(replicas.map((r) => r.close()));
  await dropDatabases(serverUrl, prefix);
});

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

async function machineToken(replica: RunningService): Promise<string> {
  const response = await replica.app.inject({
    method: 'POST',
    url: '/oidc/token',
    headers: { ...FORM, authorization: basic('demo-erp', DEMO_CLIENT_SECRET) },
    payload: form({ grant_type: 'client_credentials', scope: 'catalog:read' }),
  });
  assert.equal(response.statusCode, 200, response.body);
  return response.json().access_token;
}

test('replicas share one seed, one signing key and one set of sessions', async () => {
  assert.equal(replicas.filter((r) => r.seedMessage).length, 1, 'the seed ran once');
  const [a, b] = replicas as [RunningService, RunningService];
  assert.equal(decodeJwt(await machineToken(a)).header.kid, decodeJwt(await machineToken(b)).header.kid);

  const login = await a.app.inject({ method: 'POST', url: '/api/identity/login', payload: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } });
  const tokens = login.json();
  // A refresh token issued by one replica is rotated by the other; identity's routes accept either's tokens.
  const refreshed = await b.app.inject({ method: 'POST', url: '/api/identity/token', payload: { refresh_token: tokens.refresh_token } });
  assert.equal(refreshed.statusCode, 200);
  assert.equal((await a.app.inject({ method: 'GET', url: '/api/identity/me', headers: { authorization: `Bearer ${refreshed.json().access_token}` } })).statusCode, 200);
});

test('a key rotated on one replica is used by the other after its reload interval', async () => {
  const [a, b] = replicas as [RunningService, RunningService];
  const admin = (await a.app.inject({ method: 'POST', url: '/api/identity/login', payload: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } })).json().access_token;
  const rotated = await a.app.inject({ method: 'POST', url: '/api/identity/keys/rotate', headers: { authorization: `Bearer ${admin}` } });
  assert.equal(rotated.statusCode, 201, rotated.body);
  const newKid = rotated.json().items.find((k: { signing: boolean }) => k.signing).kid;
  assert.equal(decodeJwt(await machineToken(a)).header.kid, newKid);
  await sleep(1100);
  const fromB = await machineToken(b);
  assert.equal(decodeJwt(fromB).header.kid, newKid);
  // B's own routes accept a token A signed with the new key (B's verifier reads keys from the database).
  const fresh = (await a.app.inject({ method: 'POST', url: '/api/identity/login', payload: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } })).json().access_token;
  assert.equal(decodeJwt(fresh).header.kid, newKid);
  const me = await b.app.inject({ method: 'GET', url: '/api/identity/me', headers: { authorization: `Bearer ${fresh}` } });
  assert.equal(me.statusCode, 200);
});
