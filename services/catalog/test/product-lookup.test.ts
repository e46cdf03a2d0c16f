import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestService } from '@mercato/testing';
import { startCatalog } from './helpers.ts';

const product = (handle: string, skus: string[]) => ({
  handle,
  name: `Lookup ${handle}`,
  status: 'published',
  variants: skus.map((sku) => ({ sku, name: sku, options: { size: sku } })),
});

describe('catalog product lookups by handle and by SKU', () => {
  let svc: TestService;
  before(async () => {
    let staff: string;
    ({ svc, staff } = await startCatalog());
    for (const body of [product('lookup-a', ['LK-A1', 'LK-A2']), product('lookup-b', ['LK-B1']), product('lookup-c', ['LK-C1'])]) {
      assert.equal((await svc.request('POST', '/api/catalog/products', { token: staff, body })).statusCode, 201);
    }
  });
  after(() => svc.stop());

  const handles = async (query: string) => (await svc.request('GET', `/api/catalog/products?${query}`)).json().items.map((p: { handle: string }) => p.handle).sort();

  it('finds the one product with a handle, or none', async () => {
    assert.deepEqual(await handles('handle=lookup-b'), ['lookup-b']);
    assert.deepEqual(await handles('handle=no-such-handle'), []);
  });

  it('finds the products of many SKUs in one call, each once', async () => {
    assert.deepEqual(await handles('sku=LK-A1&sku=LK-A2&sku=LK-C1&limit=100'), ['lookup-a', 'lookup-c']);
    assert.deepEqual(await handles('sku=LK-B1'), ['lookup-b']);
    assert.deepEqual(await handles('sku=NOPE'), []);
  });
});
