import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { TestService } from '@mercato/testing';
import { sql, type Kysely } from 'kysely';
import { sweepIdempotency } from '@mercato/kit/http/idempotency.ts';
import { sweep } from '../src/store/housekeeping.ts';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startIdentity, tokensFor } from './helpers.ts';

let identity: TestService;
before(async () => {
  identity = await startIdentity();
});
after(() => identity.stop());

test('the sweeps remove expired artifacts and day-old client-creation replays (they hold a secret)', async () => {
  const db = identity.service.context.db as Kysely<any>;
  const admin = (await tokensFor(identity, ADMIN_EMAIL, ADMIN_PASSWORD)).access_token;
  const headers = { 'idempotency-key': 'create-erp-client' };
  const created = await identity.request('POST', '/api/identity/clients', { token: admin, headers, body: { name: 'ERP', scopes: ['orders:read'] } });
  assert.equal(created.statusCode, 201);
  const count = async (query: ReturnType<typeof sql>) => Number(((await query.execute(db)).rows[0] as { n: number }).n);
  const replays = sql`select count(*)::int as n from kit_idempotency where key = 'create-erp-client'`;
  assert.equal(await count(replays), 1);

  await sql`update kit_idempotency set created_at = now() - interval '2 days' where key = 'create-erp-client'`.execute(db);
  await sql`insert into oidc_models (kind, id, payload, expires_at) values ('Session', 'old', '{}', now() - interval '2 hours')`.execute(db);
  await sweep(db, 15 * 60_000);
  await sweepIdempotency(db);
  assert.equal(await count(replays), 0);
  assert.equal(await count(sql`select count(*)::int as n from oidc_models where id = 'old'`), 0);
});
