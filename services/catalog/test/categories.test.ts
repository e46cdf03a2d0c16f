import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { categoryDeleted, categoryUpserted } from '@mercato/contracts';
import type { TestService } from '@mercato/testing';
import { assertFitsContract, assertProblem, fieldsOf, outbox, outboxSize, startCatalog } from './helpers.ts';

describe('catalog category tree', () => {
  let svc: TestService;
  let staff: string;
  let customer: string;
  before(async () => {
    ({ svc, staff, customer } = await startCatalog());
  });
  after(() => svc.stop());

  const create = async (slug: string, parentId?: string, position?: number) => {
    const answer = await svc.request('POST', '/api/catalog/categories', { token: staff, body: { slug, name: slug, parentId, position } });
    assert.equal(answer.statusCode, 201, answer.body);
    return answer.json() as { id: string; path: string[]; version: number };
  };
  const patch = (id: string, body: unknown, version?: number) =>
    svc.request('PATCH', `/api/catalog/categories/${id}`, { token: staff, body, headers: version === undefined ? {} : { 'if-match': `"${version}"` } });
  const read = async (id: string) => (await svc.request('GET', `/api/catalog/categories/${id}`)).json();

  it('creates categories with their path, readable by anyone, each with an event', async () => {
    const root = await create('c-root');
    const child = await create('c-child', root.id);
    assert.deepEqual(child.path, [root.id, child.id]);
    const answer = await svc.request('GET', `/api/catalog/categories/${child.id}`);
    assert.equal(answer.statusCode, 200);
    assert.equal(answer.headers.etag, '"1"');
    assert.deepEqual(answer.json(), { id: child.id, slug: 'c-child', name: 'c-child', parentId: root.id, path: [root.id, child.id], position: 0, version: 1 });
    const [event] = await outbox(svc, { subject: child.id });
    assertFitsContract(event!, categoryUpserted);
    assert.deepEqual(event!.data, answer.json());
  });

  it('refuses writes without a token or with a customer token', async () => {
    assertProblem(await svc.request('POST', '/api/catalog/categories', { body: { slug: 'anon', name: 'x' } }), 401, 'unauthorized');
    assertProblem(await svc.request('POST', '/api/catalog/categories', { token: customer, body: { slug: 'cust', name: 'x' } }), 403, 'forbidden');
    const { id } = await create('c-guarded');
    assertProblem(await svc.request('PATCH', `/api/catalog/categories/${id}`, { token: customer, body: { name: 'y' }, headers: { 'if-match': '"1"' } }), 403, 'forbidden');
    assertProblem(await svc.request('DELETE', `/api/catalog/categories/${id}`, { token: customer }), 403, 'forbidden');
  });

  it('renames with If-Match: 428 without, 412 when stale', async () => {
    const { id } = await create('c-rename');
    assertProblem(await patch(id, { name: 'Renamed' }), 428, 'precondition-required');
    const ok = await patch(id, { name: 'Renamed' }, 1);
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.headers.etag, '"2"');
    assertProblem(await patch(id, { name: 'Again' }, 1), 412, 'precondition-failed');
    assert.equal((await read(id)).name, 'Renamed');
  });

  it('refuses an unknown parent, naming parentId', async () => {
    const events = await outboxSize(svc);
    const answer = await svc.request('POST', '/api/catalog/categories', { token: staff, body: { slug: 'orphan', name: 'x', parentId: 'cat_0192f1c4a2b37c3d8e9f0a1b2c3d4e5f' } });
    assert.deepEqual(fieldsOf(assertProblem(answer, 422, 'unknown-category')), ['parentId']);
    assert.equal(await outboxSize(svc), events);
  });

  it('moves a subtree: new paths for the node and every descendant, each re-published with a new version', async () => {
    const a = await create('m-a');
    const b = await create('m-b', a.id);
    const c = await create('m-c', b.id);
    const target = await create('m-target');
    const moved = await patch(b.id, { parentId: target.id }, 1);
    assert.equal(moved.statusCode, 200, moved.body);
    assert.deepEqual(moved.json().path, [target.id, b.id]);
    assert.deepEqual((await read(c.id)).path, [target.id, b.id, c.id]);
    assert.equal((await read(c.id)).version, 2, 'a descendant whose path changed has a new version');

    const lastOf = async (id: string) => (await outbox(svc, { subject: id })).at(-1)!;
    const [eventB, eventC] = [await lastOf(b.id), await lastOf(c.id)];
    assertFitsContract(eventB, categoryUpserted);
    assertFitsContract(eventC, categoryUpserted);
    assert.deepEqual(eventB.data.path, [target.id, b.id]);
    assert.deepEqual(eventC.data.path, [target.id, b.id, c.id]);
    assert.equal(eventC.sequence, 2);
    assert.equal((await outbox(svc, { subject: a.id })).length, 1, 'the old parent is unchanged');

    const toRoot = await patch(b.id, { parentId: null }, 2);
    assert.equal(toRoot.statusCode, 200, toRoot.body);
    assert.deepEqual(toRoot.json().path, [b.id]);
  });

  it('refuses a move that closes a cycle, naming parentId and the cycle, changing nothing', async () => {
    const top = await create('y-top');
    const mid = await create('y-mid', top.id);
    const leaf = await create('y-leaf', mid.id);
    const events = await outboxSize(svc);

    const intoDescendant = assertProblem(await patch(top.id, { parentId: leaf.id }, 1), 409, 'category-cycle');
    assert.deepEqual(fieldsOf(intoDescendant), ['parentId']);
    assert.deepEqual(intoDescendant.cycle, [top.id, mid.id, leaf.id, top.id]);
    assert.match(intoDescendant.detail, /y-top → y-mid → y-leaf → y-top/);

    const intoItself = assertProblem(await patch(mid.id, { parentId: mid.id }, 1), 409, 'category-cycle');
    assert.deepEqual(intoItself.cycle, [mid.id, mid.id]);

    assert.equal(await outboxSize(svc), events, 'no event');
    assert.deepEqual([(await read(top.id)).parentId, (await read(top.id)).version], [null, 1], 'no change');
  });

  it('serializes concurrent moves: two moves that are each fine alone cannot close a cycle together', async () => {
    for (let round = 0; round < 5; round++) {
      const a = await create(`race-a-${round}`);
      const b = await create(`race-b-${round}`);
      const answers = await Promise.all([patch(a.id, { parentId: b.id }, 1), patch(b.id, { parentId: a.id }, 1)]);
      assert.deepEqual(answers.map((r) => r.statusCode).sort(), [200, 409], answers.map((r) => r.body).join('\n'));
      const [pa, pb] = [await read(a.id), await read(b.id)];
      assert.ok(pa.parentId === null || pb.parentId === null, 'one of them is still a root');
    }
  });

  it('serves the tree with children ordered by position', async () => {
    const root = await create('t-root');
    const second = await create('t-second', root.id, 2);
    const first = await create('t-first', root.id, 1);
    const answer = await svc.request('GET', '/api/catalog/categories/tree');
    assert.equal(answer.statusCode, 200);
    const node = answer.json().items.find((n: { id: string }) => n.id === root.id);
    assert.deepEqual(
      node.children.map((c: { id: string; children: unknown[] }) => [c.id, c.children.length]),
      [
        [first.id, 0],
        [second.id, 0],
      ],
    );
    const flat = (await svc.request('GET', '/api/catalog/categories')).json().items.map((c: { id: string }) => c.id);
    assert.deepEqual(flat.slice(flat.indexOf(root.id), flat.indexOf(root.id) + 3), [root.id, first.id, second.id], 'the flat list is depth first');
  });

  it('refuses to delete a category with subcategories or products; deletes an empty one with its event', async () => {
    const parent = await create('d-parent');
    const child = await create('d-child', parent.id);
    assert.equal(assertProblem(await svc.request('DELETE', `/api/catalog/categories/${parent.id}`, { token: staff }), 409, 'category-not-empty').children, 1);

    const product = await svc.request('POST', '/api/catalog/products', {
      token: staff,
      body: { handle: 'in-child', name: 'x', categoryId: child.id, variants: [{ sku: 'IN-CHILD', name: 'x' }] },
    });
    assert.equal(product.statusCode, 201, product.body);
    assert.equal(assertProblem(await svc.request('DELETE', `/api/catalog/categories/${child.id}`, { token: staff }), 409, 'category-not-empty').products, 1);

    await svc.request('DELETE', `/api/catalog/products/${product.json().id}`, { token: staff });
    assertProblem(await svc.request('DELETE', `/api/catalog/categories/${child.id}`, { token: staff, headers: { 'if-match': '"7"' } }), 412, 'precondition-failed');
    assert.equal((await svc.request('DELETE', `/api/catalog/categories/${child.id}`, { token: staff })).statusCode, 204);
    assertProblem(await svc.request('GET', `/api/catalog/categories/${child.id}`), 404, 'category-not-found');
    const last = (await outbox(svc, { subject: child.id })).at(-1)!;
    assertFitsContract(last, categoryDeleted);
    assert.deepEqual(last.data, { id: child.id });
  });

  it('answers 409 for a slug already used', async () => {
    await create('same-slug');
    assertProblem(await svc.request('POST', '/api/catalog/categories', { token: staff, body: { slug: 'same-slug', name: 'x' } }), 409, 'slug-taken');
  });
});
