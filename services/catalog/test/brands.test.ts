import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { brandDeleted, brandUpserted } from '@mercato/contracts';
import type { TestService } from '@mercato/testing';
import { assertFitsContract, assertProblem, outbox, outboxSize, startCatalog } from './helpers.ts';

describe('catalog brands', () => {
  let svc: TestService;
  let staff: string;
  let customer: string;
  before(async () => {
    ({ svc, staff, customer } = await startCatalog());
  });
  after(() => svc.stop());

  const create = (slug: string, token = staff) => svc.request('POST', '/api/catalog/brands', { token, body: { slug, name: slug.toUpperCase() } });

  it('creates, reads, renames and deletes a brand, publishing each change', async () => {
    const created = await create('acme');
    assert.equal(created.statusCode, 201, created.body);
    const brand = created.json();
    assert.match(brand.id, /^brand_[0-9a-f]{32}$/);
    assert.equal(created.headers.location, `/api/catalog/brands/${brand.id}`);
    const read = await svc.request('GET', `/api/catalog/brands/${brand.id}`);
    assert.deepEqual(read.json(), { id: brand.id, slug: 'acme', name: 'ACME', version: 1 });
    assert.equal(read.headers.etag, '"1"');
    assert.ok((await svc.request('GET', '/api/catalog/brands')).json().items.some((b: { id: string }) => b.id === brand.id));

    assertProblem(await svc.request('PATCH', `/api/catalog/brands/${brand.id}`, { token: staff, body: { name: 'Acme' } }), 428, 'precondition-required');
    const renamed = await svc.request('PATCH', `/api/catalog/brands/${brand.id}`, { token: staff, body: { name: 'Acme' }, headers: { 'if-match': '"1"' } });
    assert.equal(renamed.statusCode, 200, renamed.body);
    assert.deepEqual([renamed.json().name, renamed.json().version, renamed.headers.etag], ['Acme', 2, '"2"']);
    assertProblem(await svc.request('PATCH', `/api/catalog/brands/${brand.id}`, { token: staff, body: { name: 'Old' }, headers: { 'if-match': '"1"' } }), 412, 'precondition-failed');

    assert.equal((await svc.request('DELETE', `/api/catalog/brands/${brand.id}`, { token: staff, headers: { 'if-match': '"2"' } })).statusCode, 204);
    assertProblem(await svc.request('GET', `/api/catalog/brands/${brand.id}`), 404, 'brand-not-found');

    const events = await outbox(svc, { subject: brand.id });
    assert.deepEqual(events.map((e) => e.type), [brandUpserted.type, brandUpserted.type, brandDeleted.type]);
    assertFitsContract(events[0]!, brandUpserted);
    assertFitsContract(events[2]!, brandDeleted);
    assert.deepEqual(events[1]!.data, { id: brand.id, slug: 'acme', name: 'Acme', version: 2 });
  });

  it('refuses writes without a token or with a customer token', async () => {
    assertProblem(await svc.request('POST', '/api/catalog/brands', { body: { slug: 'anon', name: 'x' } }), 401, 'unauthorized');
    assertProblem(await create('cust', customer), 403, 'forbidden');
  });

  it('answers 409 for a slug already used, without an event', async () => {
    await create('twice');
    const events = await outboxSize(svc);
    assertProblem(await create('twice'), 409, 'brand-slug-taken');
    assert.equal(await outboxSize(svc), events);
  });

  it('refuses to delete a brand products use', async () => {
    const brand = (await create('used')).json();
    const product = await svc.request('POST', '/api/catalog/products', {
      token: staff,
      body: { handle: 'branded', name: 'x', brandId: brand.id, variants: [{ sku: 'BRANDED', name: 'x' }] },
    });
    assert.equal(product.statusCode, 201, product.body);
    const events = await outboxSize(svc);
    assertProblem(await svc.request('DELETE', `/api/catalog/brands/${brand.id}`, { token: staff }), 409, 'brand-in-use');
    assert.equal((await svc.request('GET', `/api/catalog/brands/${brand.id}`)).statusCode, 200);
    assert.equal(await outboxSize(svc), events);
  });
});
