import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eventually, startPlatform, type TestPlatform, type TopologyKind } from '@mercato/testing';
import { ADMIN, assertProblem, call, login, setUpEuroTaxAndShipping } from '../support.ts';

/** Guest cart → login → merge, through the gateway, priced by pricing's quote from the seeded catalog. */
export function cartSuite(kind: TopologyKind, getPlatform: () => TestPlatform): void {
  describe(`cart through the gateway (${kind})`, () => {
    let base: string;
    let sku: string;
    before(async () => {
      base = getPlatform().url;
      const admin = await login(base, ADMIN.email, ADMIN.password);
      await setUpEuroTaxAndShipping(base, admin);
      const products = await call(base, 'GET', '/api/catalog/products?limit=1');
      sku = products.body.items[0].variants[0].sku;
      const list = await call(base, 'POST', '/api/pricing/price-lists', { token: admin, body: { code: 'e2e-base', name: 'Base', kind: 'base', currency: 'EUR' } });
      assert.equal(list.status, 201, JSON.stringify(list.body));
      // Pricing learns the seeded SKUs from the catalog's events, in the background.
      await eventually(async () => (await call(base, 'PUT', `/api/pricing/price-lists/${list.body.id}/prices`, { token: admin, body: { items: [{ sku, tiers: [{ minQuantity: 1, amount: 1990 }] }] } })).status === 200);
    });

    it('a guest fills a cart with its token; at login the customer adopts it; nobody else reaches it', async () => {
      const created = await call(base, 'POST', '/api/cart/carts', { body: { currency: 'EUR', shipping: { country: 'DE', method: 'standard' } } });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const { id, token } = created.body;
      const guest = { 'cart-token': token };
      const added = await call(base, 'POST', `/api/cart/carts/${id}/lines`, { headers: guest, body: { sku, quantity: 2 } });
      assert.equal(added.status, 200, JSON.stringify(added.body));
      assert.equal(added.body.totals.grandTotal, 2 * 1990 + 495);
      assertProblem(await call(base, 'GET', `/api/cart/carts/${id}`), 404, 'cart-not-found');
      assertProblem(await call(base, 'POST', `/api/cart/carts/${id}/lines`, { headers: guest, body: { sku: 'NO-SUCH-SKU', quantity: 1 } }), 422, 'unknown-sku');

      const email = `cart-${kind}@example.com`;
      assert.equal((await call(base, 'POST', '/api/identity/accounts', { body: { email, password: 'correct horse battery', name: 'Cart' } })).status, 201);
      const customer = await login(base, email, 'correct horse battery');
      const merged = await call(base, 'POST', '/api/cart/carts/mine/merge', { token: customer, headers: guest, body: { guestCartId: id } });
      assert.equal(merged.status, 200, JSON.stringify(merged.body));
      assert.equal(merged.body.kind, 'customer');
      assert.equal((await call(base, 'GET', '/api/cart/carts/mine', { token: customer })).body.id, id);

      const strangerEmail = `stranger-${kind}@example.com`;
      await call(base, 'POST', '/api/identity/accounts', { body: { email: strangerEmail, password: 'correct horse battery', name: 'Stranger' } });
      const stranger = await login(base, strangerEmail, 'correct horse battery');
      assertProblem(await call(base, 'GET', `/api/cart/carts/${id}`, { token: stranger }), 404, 'cart-not-found');
      assertProblem(await call(base, 'GET', `/api/cart/carts/${id}`, { headers: guest }), 404, 'cart-not-found');
    });
  });
}

/** The cart suite on a platform of its own (the shared suites' platform is not reachable from here). */
export function cartPlatformSuite(kind: TopologyKind): void {
  describe(`cart platform (${kind})`, () => {
    let platform: TestPlatform;
    before(async () => {
      platform = await startPlatform(kind, { seed: true });
    });
    after(() => platform?.stop());
    cartSuite(kind, () => platform);
  });
}
