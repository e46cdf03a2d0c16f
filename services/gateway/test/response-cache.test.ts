import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eventually, startPlatform, type TestPlatform, type TopologyKind } from '@mercato/testing';

const ADMIN = { email: 'admin@mercato.local', password: 'admin-password-for-tests' };

async function login(base: string): Promise<string> {
  const response = await fetch(`${base}/api/identity/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: ADMIN.email, password: ADMIN.password }),
  });
  assert.equal(response.status, 200);
  return ((await response.json()) as { access_token: string }).access_token;
}

/** An anonymous GET (unless headers say otherwise), with its body read. */
async function get(base: string, path: string, headers: Record<string, string> = {}) {
  const response = await fetch(base + path, { headers });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: () => JSON.parse(text) };
}

for (const kind of ['embedded', 'processes'] as TopologyKind[]) {
  describe(`gateway: response cache for anonymous public reads (${kind})`, () => {
    let platform: TestPlatform;
    let admin: string;
    let product: { id: string; handle: string; version: number };
    const word = `xylocarp${kind}`;
    const searchPath = `/api/search/products?q=${word}`;
    const productPath = () => `/api/catalog/products/${product.id}`;

    /** Requests the service itself logged for `path` (its own count, whatever the gateway did). */
    const served = (service: string, path: string) =>
      platform.logs.filter((l) => l.service === service && l.msg === 'request completed' && l.url === path).length;
    /** Waits until the service's log shows `count` requests for `path`, then a little more for any late line. */
    const servedSettled = async (service: string, path: string, count: number) => {
      await eventually(async () => served(service, path) >= count, 5000);
      await new Promise((r) => setTimeout(r, 300));
      return served(service, path);
    };

    before(async () => {
      platform = await startPlatform(kind, { seed: true });
      admin = await login(platform.url);
      const created = await fetch(`${platform.url}/api/catalog/products`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
        body: JSON.stringify({ handle: `cache-${kind}`, name: `Cached ${word}`, status: 'published', variants: [{ sku: `CACHE-${kind.toUpperCase()}`, name: 'One', options: { size: 'M' } }] }),
      });
      assert.equal(created.status, 201);
      product = (await created.json()) as typeof product;
      // Asked with no-cache: the wait for the index must not fill the cache.
      await eventually(async () => (await get(platform.url, searchPath, { 'cache-control': 'no-cache' })).json().items.length > 0, 15_000);
      // Answers fetched within a second of a catalog event are not stored (the read models settle).
      await new Promise((r) => setTimeout(r, 1200));
    });
    after(() => platform?.stop());

    it('answers a second anonymous GET from memory, without calling the service', async () => {
      for (const [service, path] of [['catalog', productPath()], ['search', `${searchPath}&limit=5`]] as const) {
        const first = await get(platform.url, path);
        assert.equal(first.status, 200);
        assert.equal(first.headers.get('x-cache'), 'miss', path);
        const second = await get(platform.url, path);
        assert.equal(second.status, 200);
        assert.equal(second.headers.get('x-cache'), 'hit', path);
        assert.equal(second.text, first.text);
        assert.equal(second.headers.get('etag'), first.headers.get('etag'));
        assert.match(second.headers.get('etag')!, /^"[^"]+"$/, 'a strong ETag');
        assert.match(second.headers.get('cache-control')!, /^public, max-age=\d+, stale-while-revalidate=\d+$/);
        assert.match(second.headers.get('vary')!, /authorization/i);
        assert.match(second.headers.get('vary')!, /cart-token/i);
        assert.match(second.headers.get('age')!, /^\d+$/);
        assert.match(second.headers.get('content-type')!, /^application\/json/);
        assert.notEqual(second.headers.get('x-ratelimit-remaining'), first.headers.get('x-ratelimit-remaining'), 'per-request headers are not replayed');
        assert.equal(await servedSettled(service, path, 1), 1, `${service} answered ${path} once`);
      }
    });

    it('answers 304 to If-None-Match with the current ETag', async () => {
      // While the seeded catalog is still flowing into search, the answer (and so its ETag) can change
      // between two requests: revalidate with the ETag of an answer that stayed the same.
      let etag = '';
      let revalidated = await get(platform.url, searchPath);
      await eventually(async () => {
        etag = (await get(platform.url, searchPath)).headers.get('etag')!;
        revalidated = await get(platform.url, searchPath, { 'if-none-match': etag });
        return revalidated.status === 304;
      }, 10_000, 200).catch(() => undefined);
      assert.equal(revalidated.status, 304);
      assert.equal(revalidated.text, '');
      assert.equal(revalidated.headers.get('etag'), etag);
      assert.equal((await get(platform.url, searchPath, { 'if-none-match': '"something-else"' })).status, 200);
    });

    it('passes requests with Authorization or a cart token through to the service', async () => {
      const path = productPath();
      const before = served('catalog', path);
      const signedIn = await get(platform.url, path, { authorization: `Bearer ${admin}` });
      assert.equal(signedIn.status, 200);
      assert.equal(signedIn.headers.get('x-cache'), 'bypass');
      assert.match(signedIn.headers.get('cache-control')!, /private/);
      const guestCart = await get(platform.url, path, { 'cart-token': 'some-guest-cart-token' });
      assert.equal(guestCart.headers.get('x-cache'), 'bypass');
      assert.equal(await servedSettled('catalog', path, before + 2), before + 2);
    });

    it('does not cache answers other than 200', async () => {
      const path = '/api/catalog/products/prod_00000000000000000000000000000000';
      const first = await get(platform.url, path);
      const second = await get(platform.url, path);
      assert.equal(first.status, 404);
      assert.equal(second.status, 404);
      assert.equal(second.headers.get('x-cache'), 'miss');
      assert.equal(await servedSettled('catalog', path, 2), 2);
    });

    it('drops the cached catalog and search answers within 1 s of a product update', async (t) => {
      assert.equal((await get(platform.url, productPath())).headers.get('x-cache'), 'hit');
      assert.equal((await get(platform.url, searchPath)).headers.get('x-cache'), 'hit');
      const renamed = `Renamed ${word} ${Date.now()}`;
      const patched = await fetch(platform.url + productPath(), {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}`, 'if-match': `"${product.version}"` },
        body: JSON.stringify({ name: renamed }),
      });
      assert.equal(patched.status, 200);
      const updatedAt = performance.now();
      const fresh = async () => {
        const [detail, search] = await Promise.all([get(platform.url, productPath()), get(platform.url, searchPath)]);
        return detail.json().name === renamed && search.json().items.some((h: { id: string; name: string }) => h.id === product.id && h.name === renamed);
      };
      await eventually(fresh, 5000, 20);
      const elapsed = performance.now() - updatedAt;
      t.diagnostic(`${kind}: anonymous readers saw the update after ${Math.round(elapsed)} ms`);
      assert.ok(elapsed < 1000, `anonymous readers saw the update after ${Math.round(elapsed)} ms`);
      // Once the read models had time to settle, the new answers are cached again.
      await new Promise((r) => setTimeout(r, 1200));
      await get(platform.url, searchPath);
      const again = await get(platform.url, searchPath);
      assert.equal(again.headers.get('x-cache'), 'hit');
      assert.ok(again.json().items.some((h: { name: string }) => h.name === renamed));
    });

    it('caches the mobile product screen and drops it within 1 s of a stock change', async (t) => {
      const path = `/mobile/v1/products/cache-${kind}`;
      const euro = await fetch(`${platform.url}/api/pricing/currencies/EUR`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
        body: JSON.stringify({ taxMode: 'gross' }),
      });
      assert.ok([200, 201].includes(euro.status), await euro.text()); // the mobile screens price in EUR
      const first = await get(platform.url, path);
      assert.equal(first.status, 200, first.text);
      assert.equal(first.json().inStock, false);
      await new Promise((r) => setTimeout(r, 1200)); // past the settle window of the product update
      await get(platform.url, path);
      assert.equal((await get(platform.url, path)).headers.get('x-cache'), 'hit');
      const warehouses = await fetch(`${platform.url}/api/inventory/warehouses`, { headers: { authorization: `Bearer ${admin}` } });
      const warehouse = ((await warehouses.json()) as { items: Array<{ code: string }> }).items[0]!.code;
      const adjusted = await fetch(`${platform.url}/api/inventory/adjustments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
        body: JSON.stringify({ warehouse, sku: `CACHE-${kind.toUpperCase()}`, type: 'receive', quantity: 5, reason: 'response cache test' }),
      });
      assert.equal(adjusted.status, 201, await adjusted.text());
      const changedAt = performance.now();
      await eventually(async () => (await get(platform.url, path)).json().inStock === true, 5000, 20);
      const elapsed = performance.now() - changedAt;
      t.diagnostic(`${kind}: the mobile screen showed the stock after ${Math.round(elapsed)} ms`);
      assert.ok(elapsed < 1000, `the stock showed after ${Math.round(elapsed)} ms`);
    });
  });
}
