import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { TestPlatform, TopologyKind } from '@mercato/testing';
import { ADMIN, assertProblem, call, login, productBody } from '../support.ts';

/** Journey through the gateway, against a running platform. */
export function journeySuite(kind: TopologyKind, getPlatform: () => TestPlatform): void {
  describe(`journey through the gateway (${kind})`, () => {
    let platform: TestPlatform;
    before(async () => {
      platform = getPlatform();
    });

    it('register → log in → admin creates a product → anonymous reads it; customer 403; malformed 400; nothing written', async () => {
      const base = platform.url;
      const email = `shopper-${kind}@example.com`;
      const registered = await call(base, 'POST', '/api/identity/accounts', { body: { email, password: 'correct horse battery', name: 'Shopper' } });
      assert.equal(registered.status, 201, JSON.stringify(registered.body));
      assert.deepEqual(registered.body.roles, ['customer']);
      const customer = await login(base, email, 'correct horse battery');
      const admin = await login(base, ADMIN.email, ADMIN.password);

      const created = await call(base, 'POST', '/api/catalog/products', { token: admin, body: productBody(`J-${kind}`) });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const read = await call(base, 'GET', `/api/catalog/products/${created.body.id}`);
      assert.equal(read.status, 200);
      assert.equal(read.body.variants[0].sku, `J-${kind}`);

      const countBefore = await countProducts(base, admin);
      assertProblem(await call(base, 'POST', '/api/catalog/products', { token: customer, body: productBody(`C-${kind}`) }), 403, 'forbidden');
      assertProblem(await call(base, 'POST', '/api/catalog/products', { body: productBody(`A-${kind}`) }), 401, 'unauthorized');
      const malformed = await call(base, 'POST', '/api/catalog/products', { token: admin, body: { handle: 'x', variants: 'no' } });
      assertProblem(malformed, 400, 'validation-failed');
      assertProblem(await call(base, 'POST', '/api/catalog/products', { token: admin, body: '{"handle": ' }), 400, 'malformed-body');
      assert.equal(await countProducts(base, admin), countBefore);
    });

    it('serves the seeded demo catalog and the API docs', async () => {
      const list = await call(platform.url, 'GET', '/api/catalog/products?limit=100');
      assert.equal(list.status, 200);
      assert.equal(list.body.items.length, 100);
      assert.ok(list.body.nextCursor);
      const docs = await fetch(`${platform.url}/docs`);
      assert.equal(docs.status, 200);
      assert.match(await docs.text(), /swagger-ui/);
      const openapi = await call(platform.url, 'GET', '/openapi.json');
      assert.equal(openapi.body.openapi, '3.1.0');
      assert.ok(openapi.body.paths['/api/catalog/products']?.post, 'catalog create documented');
      assert.ok(openapi.body.paths['/api/identity/login']?.post, 'identity login documented');
    });
  });
}

async function countProducts(base: string, token: string): Promise<number> {
  let count = 0;
  let cursor: string | null = null;
  do {
    const page = await call(base, 'GET', `/api/catalog/products?limit=100${cursor ? `&cursor=${cursor}` : ''}`, { token });
    count += page.body.items.length;
    cursor = page.body.nextCursor;
  } while (cursor);
  return count;
}
