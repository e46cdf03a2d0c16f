import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestService } from '@mercato/testing';
import { sql, type Kysely } from 'kysely';
import { address, newAccountId, personToken, startCustomers } from './helpers.ts';

type Address = { id: string; kind: string; isDefault: boolean; country: string; city: string };

describe('customer addresses', () => {
  let svc: TestService;
  before(async () => {
    svc = await startCustomers();
  });
  after(() => svc.stop());

  const list = async (token: string): Promise<Address[]> => (await svc.request('GET', '/api/customers/me/addresses', { token })).json().items;
  const add = async (token: string, body: Record<string, unknown>): Promise<Address> => {
    const response = await svc.request('POST', '/api/customers/me/addresses', { token, body });
    assert.equal(response.statusCode, 201, response.body);
    return response.json();
  };
  const defaults = (addresses: Address[]) => addresses.filter((a) => a.isDefault).map((a) => `${a.kind}:${a.id}`).sort();

  it('makes the first address of a kind the default, and a new default clears the old one', async () => {
    const token = await personToken(svc, newAccountId());
    const home = await add(token, address());
    assert.equal(home.isDefault, true);
    const billing = await add(token, address({ kind: 'billing' }));
    assert.equal(billing.isDefault, true, 'one default per kind: billing is independent of shipping');
    const office = await add(token, address({ city: 'Hamburg', postalCode: '20095' }));
    assert.equal(office.isDefault, false);

    const promoted = await svc.request('PATCH', `/api/customers/me/addresses/${office.id}`, { token, body: { isDefault: true } });
    assert.equal(promoted.statusCode, 200, promoted.body);
    assert.deepEqual(defaults(await list(token)), [`billing:${billing.id}`, `shipping:${office.id}`].sort());

    const newDefault = await add(token, address({ city: 'Munich', isDefault: true }));
    assert.deepEqual(defaults(await list(token)), [`billing:${billing.id}`, `shipping:${newDefault.id}`].sort());
    assert.equal((await list(token))[0]!.isDefault, true, 'defaults come first');

    // Moving the default shipping address to billing makes it the billing default, alone.
    await svc.request('PATCH', `/api/customers/me/addresses/${newDefault.id}`, { token, body: { kind: 'billing' } });
    assert.deepEqual(defaults(await list(token)), [`billing:${newDefault.id}`]);
  });

  it('enforces one default per kind in the database itself', async () => {
    const token = await personToken(svc, newAccountId());
    const first = await add(token, address());
    const second = await add(token, address({ city: 'Hamburg' }));
    const db = svc.service.context.db as Kysely<any>;
    await assert.rejects(
      sql`update addresses set is_default = true where id = ${second.id}`.execute(db),
      (error: { code?: string; constraint?: string }) => error.code === '23505' && error.constraint === 'addresses_one_default_per_kind',
    );
    assert.deepEqual(defaults(await list(token)), [`shipping:${first.id}`]);
  });

  it('keeps concurrent default changes consistent', async () => {
    const token = await personToken(svc, newAccountId());
    const created = [];
    for (let i = 0; i < 4; i++) created.push(await add(token, address({ city: `City ${i}` })));
    const results = await Promise.all(created.map((a) => svc.request('PATCH', `/api/customers/me/addresses/${a.id}`, { token, body: { isDefault: true } })));
    assert.deepEqual(
      results.map((r) => r.statusCode),
      [200, 200, 200, 200],
    );
    assert.equal(defaults(await list(token)).length, 1);
  });

  it("answers 404 for another customer's address, for every method, and leaves it alone", async () => {
    const alice = await personToken(svc, newAccountId());
    const bob = await personToken(svc, newAccountId());
    const hers = await add(alice, address());
    for (const [method, body] of [['GET'], ['PATCH', { city: 'Elsewhere' }], ['DELETE']] as const) {
      const response = await svc.request(method, `/api/customers/me/addresses/${hers.id}`, { token: bob, body });
      assert.equal(response.statusCode, 404, method);
      assert.equal(response.json().code, 'address-not-found');
      assert.ok(!response.body.includes('Berlin'));
    }
    assert.deepEqual(await list(bob), []);
    const still = await svc.request('GET', `/api/customers/me/addresses/${hers.id}`, { token: alice });
    assert.equal(still.json().city, 'Berlin');
  });

  it('rejects an unknown country, a lower-case one and missing fields with 400 naming the field, and writes nothing', async () => {
    const token = await personToken(svc, newAccountId());
    const unknown = await svc.request('POST', '/api/customers/me/addresses', { token, body: address({ country: 'XX' }) });
    assert.equal(unknown.statusCode, 400);
    assert.match(String(unknown.headers['content-type']), /^application\/problem\+json/);
    assert.equal(unknown.json().code, 'validation-failed');
    assert.deepEqual(
      unknown.json().errors.map((e: { pointer: string }) => e.pointer),
      ['body/country'],
    );
    const lower = await svc.request('POST', '/api/customers/me/addresses', { token, body: address({ country: 'de' }) });
    assert.equal(lower.statusCode, 400);

    const { line1: _line1, city: _city, ...incomplete } = address();
    const missing = await svc.request('POST', '/api/customers/me/addresses', { token, body: incomplete });
    assert.equal(missing.statusCode, 400);
    assert.deepEqual(
      missing.json().errors.map((e: { missing?: string }) => e.missing).sort(),
      ['city', 'line1'],
    );
    assert.deepEqual(await list(token), []);

    const saved = await add(token, address());
    const badPatch = await svc.request('PATCH', `/api/customers/me/addresses/${saved.id}`, { token, body: { country: 'UK' } });
    assert.equal(badPatch.statusCode, 400);
    assert.equal(badPatch.json().errors[0].pointer, 'body/country');
    assert.equal((await list(token))[0]!.country, 'DE');
  });

  it('replays a create with the same Idempotency-Key instead of adding twice', async () => {
    const token = await personToken(svc, newAccountId());
    const headers = { 'idempotency-key': 'add-home' };
    const first = await svc.request('POST', '/api/customers/me/addresses', { token, body: address(), headers });
    const again = await svc.request('POST', '/api/customers/me/addresses', { token, body: address(), headers });
    assert.equal(again.statusCode, 201);
    assert.equal(again.headers['idempotent-replayed'], 'true');
    assert.equal(again.json().id, first.json().id);
    assert.equal((await list(token)).length, 1);
  });

  it('deletes an address', async () => {
    const token = await personToken(svc, newAccountId());
    const saved = await add(token, address());
    assert.equal((await svc.request('DELETE', `/api/customers/me/addresses/${saved.id}`, { token })).statusCode, 204);
    assert.deepEqual(await list(token), []);
  });
});
