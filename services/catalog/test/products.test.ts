import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestService, type TestService } from '@mercato/testing';
import catalog from '../src/main.ts';

const product = (sku: string, extra: Record<string, unknown> = {}) => ({
  handle: `tee-${sku.toLowerCase()}`,
  name: `Tee ${sku}`,
  status: 'published',
  variants: [{ sku, name: `Tee ${sku} M`, options: { size: 'M' } }],
  ...extra,
});

describe('catalog products', () => {
  let svc: TestService;
  let staff: string;
  let customer: string;
  before(async () => {
    svc = await startTestService(catalog);
    staff = await svc.issuer.mint({ sub: 'acct_staff', roles: ['catalog-manager'] });
    customer = await svc.issuer.mint({ sub: 'acct_cust', roles: ['customer'] });
  });
  after(() => svc.stop());

  it('lets staff create a product that anyone can read', async () => {
    const created = await svc.request('POST', '/api/catalog/products', { token: staff, body: product('SKU-1') });
    assert.equal(created.statusCode, 201, created.body);
    const body = created.json();
    assert.match(body.id, /^prod_[0-9a-f]{32}$/);
    assert.equal(created.headers.location, `/api/catalog/products/${body.id}`);
    const read = await svc.request('GET', `/api/catalog/products/${body.id}`);
    assert.equal(read.statusCode, 200);
    assert.equal(read.json().variants[0].sku, 'SKU-1');
    assert.equal(read.headers.etag, '"1"');
  });

  it('refuses writes without a token (401) or with a customer token (403), as problem+json', async () => {
    const anonymous = await svc.request('POST', '/api/catalog/products', { body: product('SKU-2') });
    assert.equal(anonymous.statusCode, 401);
    assert.match(String(anonymous.headers['content-type']), /^application\/problem\+json/);
    const forbidden = await svc.request('POST', '/api/catalog/products', { token: customer, body: product('SKU-2') });
    assert.equal(forbidden.statusCode, 403);
    assert.equal(forbidden.json().code, 'forbidden');
  });

  it('rejects a malformed body with 400 problem+json and writes nothing', async () => {
    const before = (await svc.request('GET', '/api/catalog/products?limit=100')).json().items.length;
    const bad = await svc.request('POST', '/api/catalog/products', { token: staff, body: { handle: 'Not A Handle', variants: [], extra: 1 } });
    assert.equal(bad.statusCode, 400);
    const problem = bad.json();
    assert.equal(problem.type, 'https://mercato.dev/problems/validation-failed');
    assert.ok(problem.errors.length >= 3, JSON.stringify(problem.errors));
    assert.ok(!('stack' in problem));
    const after = (await svc.request('GET', '/api/catalog/products?limit=100')).json().items.length;
    assert.equal(after, before);
  });

  it('answers 409 for a SKU already taken, leaving no half-written product', async () => {
    await svc.request('POST', '/api/catalog/products', { token: staff, body: product('SKU-DUP') });
    const clash = await svc.request('POST', '/api/catalog/products', { token: staff, body: product('SKU-DUP', { handle: 'other-handle' }) });
    assert.equal(clash.statusCode, 409);
    assert.equal(clash.json().code, 'sku-taken');
    const list = (await svc.request('GET', '/api/catalog/products?limit=100')).json().items;
    assert.equal(list.filter((p: { handle: string }) => p.handle === 'other-handle').length, 0);
  });

  it('replays a create with the same Idempotency-Key instead of creating twice', async () => {
    const headers = { 'idempotency-key': 'create-sku-idem' };
    const first = await svc.request('POST', '/api/catalog/products', { token: staff, body: product('SKU-IDEM'), headers });
    const second = await svc.request('POST', '/api/catalog/products', { token: staff, body: product('SKU-IDEM'), headers });
    assert.equal(first.statusCode, 201);
    assert.equal(second.statusCode, 201);
    assert.equal(second.headers['idempotent-replayed'], 'true');
    assert.equal(second.json().id, first.json().id);
    const reused = await svc.request('POST', '/api/catalog/products', { token: staff, body: product('SKU-OTHER'), headers });
    assert.equal(reused.statusCode, 422);
  });

  it('updates with If-Match and refuses a stale version with 412', async () => {
    const { id } = (await svc.request('POST', '/api/catalog/products', { token: staff, body: product('SKU-V') })).json();
    const noMatch = await svc.request('PATCH', `/api/catalog/products/${id}`, { token: staff, body: { name: 'Renamed' } });
    assert.equal(noMatch.statusCode, 428);
    const ok = await svc.request('PATCH', `/api/catalog/products/${id}`, { token: staff, body: { name: 'Renamed' }, headers: { 'if-match': '"1"' } });
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.json().version, 2);
    assert.equal(ok.json().status, 'published', 'a patch changes only what it names');
    const stale = await svc.request('PATCH', `/api/catalog/products/${id}`, { token: staff, body: { name: 'Again' }, headers: { 'if-match': '"1"' } });
    assert.equal(stale.statusCode, 412);
  });

  it('hides drafts from the public but not from staff', async () => {
    const { id } = (await svc.request('POST', '/api/catalog/products', { token: staff, body: product('SKU-DRAFT', { status: 'draft' }) })).json();
    assert.equal((await svc.request('GET', `/api/catalog/products/${id}`)).statusCode, 404);
    assert.equal((await svc.request('GET', `/api/catalog/products/${id}`, { token: staff })).statusCode, 200);
  });

  it('pages through products with a cursor, in a stable order without repeats', async () => {
    for (let i = 0; i < 5; i++) await svc.request('POST', '/api/catalog/products', { token: staff, body: product(`SKU-PAGE-${i}`) });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Array<{ id: string }>; nextCursor: string | null } = (
        await svc.request('GET', `/api/catalog/products?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
      ).json();
      seen.push(...page.items.map((p) => p.id));
      cursor = page.nextCursor;
    } while (cursor);
    assert.equal(new Set(seen).size, seen.length);
    assert.deepEqual([...seen].sort(), seen);
    assert.equal((await svc.request('GET', '/api/catalog/products?cursor=garbage')).statusCode, 400);
  });
});
