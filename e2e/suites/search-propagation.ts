import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { TestPlatform, TopologyKind } from '@mercato/testing';
import { ADMIN, call, login, productBody } from '../support.ts';

/** Polls search until `match` holds for the hits of `q`, returning the elapsed milliseconds. */
async function untilSearch(base: string, q: string, match: (hits: Array<{ id: string; name: string }>) => boolean, timeoutMs = 5000): Promise<number> {
  const began = performance.now();
  while (performance.now() - began < timeoutMs) {
    const answer = await call(base, 'GET', `/api/search/products?q=${encodeURIComponent(q)}`);
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    if (match(answer.body.items)) return performance.now() - began;
    await new Promise((r) => setTimeout(r, 20));
  }
  assert.fail(`search for "${q}" did not reach the expected state within ${timeoutMs} ms`);
}

/** Catalog changes reach the search read model through the outbox, the bus and the inbox. */
export function searchPropagationSuite(kind: TopologyKind, getPlatform: () => TestPlatform): void {
  describe(`catalog → search propagation (${kind})`, () => {
    let platform: TestPlatform;
    let admin: string;
    before(async () => {
      platform = getPlatform();
      admin = await login(platform.url, ADMIN.email, ADMIN.password);
    });

    it('has the seeded demo catalog in search', async () => {
      await untilSearch(platform.url, 'demo', (hits) => hits.length > 0, 15_000);
    });

    it('shows a created, renamed and deleted product in search within 1 s of each change', async () => {
      const sku = `SRCH-${kind.toUpperCase()}`;
      const created = await call(platform.url, 'POST', '/api/catalog/products', { token: admin, body: productBody(sku) });
      assert.equal(created.status, 201);
      const id = created.body.id as string;
      assert.ok((await untilSearch(platform.url, sku, (hits) => hits.some((h) => h.id === id))) < 1000);

      const renamed = await call(platform.url, 'PATCH', `/api/catalog/products/${id}`, {
        token: admin,
        body: { name: `Zanzibar lantern ${kind}` },
        headers: { 'if-match': '"1"' },
      });
      assert.equal(renamed.status, 200);
      assert.ok((await untilSearch(platform.url, 'zanzibar', (hits) => hits.some((h) => h.id === id))) < 1000);

      assert.equal((await call(platform.url, 'DELETE', `/api/catalog/products/${id}`, { token: admin })).status, 204);
      assert.ok((await untilSearch(platform.url, sku, (hits) => !hits.some((h) => h.id === id))) < 1000);
    });
  });
}
