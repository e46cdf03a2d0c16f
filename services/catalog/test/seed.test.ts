import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { attributeUpserted, brandUpserted, categoryUpserted, productUpserted, type EventContract } from '@mercato/contracts';
import type { TestService } from '@mercato/testing';
import { DEMO_PRODUCT_COUNT } from '../src/seed/demo-catalog.ts';
import { assertFitsContract, outbox, startCatalog } from './helpers.ts';

describe('catalog demo seed', () => {
  let svc: TestService;
  before(async () => {
    ({ svc } = await startCatalog({ seed: true }));
  });
  after(() => svc.stop());

  it('has facetable color, size and material attributes, brands and a two-level tree', async () => {
    const attributes = (await svc.request('GET', '/api/catalog/attributes')).json().items;
    assert.deepEqual(
      attributes.map((a: { code: string; type: string; facetable: boolean }) => [a.code, a.type, a.facetable]),
      [
        ['color', 'enum', true],
        ['material', 'enum', true],
        ['size', 'enum', true],
      ],
    );
    assert.ok((await svc.request('GET', '/api/catalog/brands')).json().items.length >= 5);
    const tree = (await svc.request('GET', '/api/catalog/categories/tree')).json().items;
    assert.ok(tree.length >= 2);
    for (const top of tree) {
      assert.ok(top.children.length > 0, `${top.slug} has subcategories`);
      for (const leaf of top.children) assert.deepEqual(leaf.children, []);
    }
  });

  it('publishes every seeded attribute, brand, category and product as a valid event', async () => {
    const count = async (path: string) => (await svc.request('GET', path)).json().items.length;
    const byType = async (contract: EventContract) => {
      const events = await outbox(svc, { type: contract.type });
      for (const event of events) assertFitsContract(event, contract);
      return events.length;
    };
    assert.equal(await byType(attributeUpserted), await count('/api/catalog/attributes'));
    assert.equal(await byType(brandUpserted), await count('/api/catalog/brands'));
    assert.equal(await byType(categoryUpserted), await count('/api/catalog/categories'));
    assert.equal(await byType(productUpserted), DEMO_PRODUCT_COUNT);
  });

  it('gives products values of the facets, in leaf categories, some on one channel only', async () => {
    const { items } = (await svc.request('GET', `/api/catalog/products?limit=100`)).json();
    for (const product of items) {
      assert.ok(product.brandId && product.categoryId);
      assert.equal(typeof product.attributes.material, 'string');
      for (const variant of product.variants) assert.ok(variant.attributes.size || variant.attributes.color, JSON.stringify(variant));
    }
    assert.ok(
      items.some((p: { channels: string[] }) => p.channels.length === 1),
      'some products are on one channel only',
    );
    const web = (await svc.request('GET', `/api/catalog/products?limit=100&channel=web`)).json().items;
    assert.ok(web.every((p: { channels: string[] }) => p.channels.includes('web')));
  });
});
