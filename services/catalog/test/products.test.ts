import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { productDeleted, productUpserted } from '@mercato/contracts';
import type { TestService } from '@mercato/testing';
import { assertFitsContract, assertProblem, fieldsOf, outbox, outboxSize, startCatalog } from './helpers.ts';

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
    ({ svc, staff, customer } = await startCatalog());
  });
  after(() => svc.stop());

  const create = (body: unknown) => svc.request('POST', '/api/catalog/products', { token: staff, body });
  const handles = async () => (await svc.request('GET', '/api/catalog/products?limit=100', { token: staff })).json().items.map((p: { handle: string }) => p.handle);

  it('lets staff create a product that anyone can read', async () => {
    const created = await create(product('SKU-1'));
    assert.equal(created.statusCode, 201, created.body);
    const body = created.json();
    assert.match(body.id, /^prod_[0-9a-f]{32}$/);
    assert.equal(created.headers.location, `/api/catalog/products/${body.id}`);
    const read = await svc.request('GET', `/api/catalog/products/${body.id}`);
    assert.equal(read.statusCode, 200);
    assert.equal(read.json().variants[0].sku, 'SKU-1');
    assert.equal(read.headers.etag, '"1"');
    assert.deepEqual(read.json().channels, ['mobile', 'web'], 'visible on every channel unless told otherwise');
  });

  it('refuses writes without a token (401) or with a customer token (403), as problem+json', async () => {
    const anonymous = await svc.request('POST', '/api/catalog/products', { body: product('SKU-2') });
    assert.equal(anonymous.statusCode, 401);
    assert.match(String(anonymous.headers['content-type']), /^application\/problem\+json/);
    const forbidden = await svc.request('POST', '/api/catalog/products', { token: customer, body: product('SKU-2') });
    assert.equal(forbidden.statusCode, 403);
    assert.equal(forbidden.json().code, 'forbidden');
    const { id } = (await create(product('SKU-ACCESS'))).json();
    assertProblem(await svc.request('PATCH', `/api/catalog/products/${id}`, { token: customer, body: { name: 'x' }, headers: { 'if-match': '"1"' } }), 403, 'forbidden');
    assertProblem(await svc.request('DELETE', `/api/catalog/products/${id}`), 401, 'unauthorized');
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

  it('answers 409 for a SKU already taken, naming the variant, leaving no half-written product and no event', async () => {
    await create(product('SKU-DUP'));
    const events = await outboxSize(svc);
    const clash = await create(product('SKU-FREE', { handle: 'other-handle', variants: [{ sku: 'SKU-FREE', name: 'a' }, { sku: 'SKU-DUP', name: 'b' }] }));
    const problem = assertProblem(clash, 409, 'sku-taken');
    assert.deepEqual(fieldsOf(problem), ['variants[1].sku']);
    assert.ok(!(await handles()).includes('other-handle'));
    assert.equal(await outboxSize(svc), events);
  });

  it('answers 400 for a SKU used twice in one request, naming the second use', async () => {
    const events = await outboxSize(svc);
    const twice = await create(product('SKU-TWICE', { handle: 'twice', variants: [{ sku: 'SKU-TWICE', name: 'a' }, { sku: 'SKU-TWICE', name: 'b' }] }));
    const problem = assertProblem(twice, 400, 'duplicate-sku');
    assert.deepEqual(fieldsOf(problem), ['variants[1].sku']);
    assert.ok(!(await handles()).includes('twice'));
    assert.equal(await outboxSize(svc), events);
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
    const { id } = (await create(product('SKU-V'))).json();
    const noMatch = await svc.request('PATCH', `/api/catalog/products/${id}`, { token: staff, body: { name: 'Renamed' } });
    assertProblem(noMatch, 428, 'precondition-required');
    const ok = await svc.request('PATCH', `/api/catalog/products/${id}`, { token: staff, body: { name: 'Renamed' }, headers: { 'if-match': '"1"' } });
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.json().version, 2);
    assert.equal(ok.headers.etag, '"2"');
    assert.equal(ok.json().status, 'published', 'a patch changes only what it names');
    const stale = await svc.request('PATCH', `/api/catalog/products/${id}`, { token: staff, body: { name: 'Again' }, headers: { 'if-match': '"1"' } });
    assertProblem(stale, 412, 'precondition-failed');
    assert.equal((await svc.request('GET', `/api/catalog/products/${id}`)).json().name, 'Renamed');
  });

  it('publishes the full state on create, update and delete, fitting the contract', async () => {
    const { id } = (await create(product('SKU-EVT', { media: [{ url: 'https://img.example.com/evt.jpg' }] }))).json();
    await svc.request('PATCH', `/api/catalog/products/${id}`, { token: staff, body: { status: 'draft' }, headers: { 'if-match': '"1"' } });
    const deleted = await svc.request('DELETE', `/api/catalog/products/${id}`, { token: staff, headers: { 'if-match': '"1"' } });
    assertProblem(deleted, 412, 'precondition-failed');
    assert.equal((await svc.request('DELETE', `/api/catalog/products/${id}`, { token: staff, headers: { 'if-match': '"2"' } })).statusCode, 204);
    assertProblem(await svc.request('GET', `/api/catalog/products/${id}`, { token: staff }), 404, 'product-not-found');

    const events = await outbox(svc, { subject: id });
    assert.deepEqual(
      events.map((e) => [e.type, e.sequence]),
      [
        [productUpserted.type, 1],
        [productUpserted.type, 2],
        [productDeleted.type, 3],
      ],
    );
    assertFitsContract(events[0]!, productUpserted);
    assertFitsContract(events[1]!, productUpserted);
    assertFitsContract(events[2]!, productDeleted);
    assert.equal(events[1]!.data.status, 'draft');
    assert.equal(events[1]!.data.version, 2);
    assert.deepEqual(events[0]!.data.media, [{ url: 'https://img.example.com/evt.jpg', alt: '' }]);
    assert.deepEqual(events[0]!.data.variants[0], { id: events[0]!.data.variants[0].id, sku: 'SKU-EVT', name: 'Tee SKU-EVT M', options: { size: 'M' }, attributes: {}, weightGrams: null });
  });

  it('keeps a variant id when a PATCH keeps its SKU', async () => {
    const created = (await create(product('SKU-KEEP'))).json();
    const patched = await svc.request('PATCH', `/api/catalog/products/${created.id}`, {
      token: staff,
      body: { variants: [{ sku: 'SKU-KEEP', name: 'kept', weightGrams: 250 }, { sku: 'SKU-KEEP-2', name: 'new' }] },
      headers: { 'if-match': '"1"' },
    });
    assert.equal(patched.statusCode, 200, patched.body);
    const [kept, added] = patched.json().variants;
    assert.equal(kept.id, created.variants[0].id);
    assert.equal(kept.weightGrams, 250);
    assert.notEqual(added.id, created.variants[0].id);
  });

  it('hides drafts from the public but not from staff', async () => {
    const { id } = (await create(product('SKU-DRAFT', { status: 'draft' }))).json();
    assertProblem(await svc.request('GET', `/api/catalog/products/${id}`), 404, 'product-not-found');
    assertProblem(await svc.request('GET', `/api/catalog/products/${id}`, { token: customer }), 404, 'product-not-found');
    assert.equal((await svc.request('GET', `/api/catalog/products/${id}`, { token: staff })).statusCode, 200);
    const publicIds = (await svc.request('GET', '/api/catalog/products?limit=100&status=draft')).json().items.map((p: { id: string }) => p.id);
    assert.ok(!publicIds.includes(id), 'the public cannot ask for drafts');
    const staffIds = (await svc.request('GET', '/api/catalog/products?limit=100&status=draft', { token: staff })).json().items.map((p: { id: string }) => p.id);
    assert.deepEqual(staffIds, [id]);
  });

  it('pages through products with a cursor, in a stable order without repeats', async () => {
    for (let i = 0; i < 5; i++) await create(product(`SKU-PAGE-${i}`));
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
