import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { accountRegistered } from '@mercato/contracts';
import type { CloudEvent } from '@mercato/kit';
import type { TestService } from '@mercato/testing';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { sql, type Kysely } from 'kysely';
import { ADMIN_EMAIL, register, startIdentity, uniqueEmail } from './helpers.ts';

let identity: TestService;
before(async () => {
  identity = await startIdentity();
});
after(() => identity.stop());

async function registrations(): Promise<CloudEvent<any>[]> {
  const db = identity.service.context.db as Kysely<any>;
  const { rows } = await sql<{ envelope: CloudEvent }>`select envelope from kit_outbox where type = ${accountRegistered.type} order by position`.execute(db);
  return rows.map((r) => r.envelope);
}

test('creating an account publishes account.registered in the same transaction, without credentials', async () => {
  const email = uniqueEmail();
  const account = (await register(identity, email)).json();
  const events = (await registrations()).filter((e) => e.subject === account.id);
  assert.equal(events.length, 1);
  const check = TypeCompiler.Compile(accountRegistered.schema);
  assert.ok(check.Check(events[0]!.data), JSON.stringify([...check.Errors(events[0]!.data)]));
  assert.deepEqual(events[0]!.data, { id: account.id, email, name: 'Test Person', roles: ['customer'], createdAt: account.createdAt });
  assert.ok(!JSON.stringify(events[0]).includes('argon2'), 'no password hash in the event');

  const before = (await registrations()).length;
  assert.equal((await register(identity, email)).statusCode, 409);
  assert.equal((await registrations()).length, before, 'a refused registration publishes nothing');
});

test('the seeded administrator is announced like any account', async () => {
  assert.ok((await registrations()).some((e) => e.data.email === ADMIN_EMAIL));
});
