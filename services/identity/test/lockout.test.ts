import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { TestService } from '@mercato/testing';
import { PASSWORD, login, register, startIdentity, uniqueEmail } from './helpers.ts';

let identity: TestService;
before(async () => {
  identity = await startIdentity({ MERCATO_LOCKOUT_BASE_S: '1', MERCATO_LOGIN_MAX_FAILURES: '3' });
});
after(() => identity.stop());

test('locks escalate: each failure after a lock doubles the wait', async () => {
  const email = uniqueEmail('escalate');
  await register(identity, email);
  for (let i = 0; i < 3; i++) assert.equal((await login(identity, email, 'wrong password')).statusCode, 401);
  const first = await login(identity, email, PASSWORD);
  assert.equal(first.statusCode, 429);
  assert.equal(first.headers['retry-after'], '1');

  await sleep(1100);
  assert.equal((await login(identity, email, 'wrong again')).statusCode, 401);
  const second = await login(identity, email, PASSWORD);
  assert.equal(second.statusCode, 429);
  assert.equal(second.headers['retry-after'], '2');

  await sleep(2100);
  assert.equal((await login(identity, email)).statusCode, 200);
  assert.equal((await login(identity, email, 'wrong once more')).statusCode, 401);
});
