import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ADDRESS, assertProblem, call, CARDS, login, requestCounts, startShop, type Shop } from './bff-shop.ts';

/** Service calls a screen made, counted at the services (their Prometheus request counters). */
async function callsDuring(shop: Shop, read: () => Promise<unknown>): Promise<number> {
  const services = ['catalog', 'search', 'pricing', 'inventory', 'cart', 'checkout', 'orders'];
  const total = async () => {
    let sum = 0;
    for (const service of services) for (const [route, count] of await requestCounts(shop, service)) if (route.startsWith('/api/')) sum += count;
    return sum;
  };
  const before = await total();
  await read();
  return (await total()) - before;
}

describe('mobile BFF: /mobile/v1', () => {
  let shop: Shop;
  before(async () => {
    shop = await startShop();
  });
  after(() => shop?.platform.stop());

  it('home: category roots and featured products with price and stock, in one call', async () => {
    const home = await call(shop.url, 'GET', '/mobile/v1/home');
    assert.equal(home.status, 200, JSON.stringify(home.body));
    assert.ok(home.body.categories.length > 0);
    assert.deepEqual(Object.keys(home.body.categories[0]).sort(), ['id', 'name']);
    assert.equal(home.body.featured.length, 8);
    for (const product of home.body.featured) {
      assert.match(product.price.formatted, /^€/);
      assert.equal(typeof product.inStock, 'boolean');
    }
  });

  it('listing: items with price and stock and facets, at a constant number of service calls', async () => {
    const small = await callsDuring(shop, () => call(shop.url, 'GET', '/mobile/v1/listing?limit=2'));
    let listing: any;
    const large = await callsDuring(shop, async () => (listing = await call(shop.url, 'GET', '/mobile/v1/listing?limit=20')));
    assert.equal(listing.status, 200, JSON.stringify(listing.body));
    assert.equal(listing.body.items.length, 20);
    assert.ok(listing.body.items.every((i: { price: unknown }) => i.price));
    assert.ok(listing.body.facets.brand.length > 0);
    assert.equal(large, small, `20 items cost ${large} calls, 2 cost ${small}`);

    const brand = listing.body.facets.brand[0];
    const filtered = await call(shop.url, 'GET', `/mobile/v1/listing?brand=${brand.value}&sort=price-asc&limit=50`);
    assert.equal(filtered.status, 200, JSON.stringify(filtered.body));
    assert.equal(filtered.body.total, brand.count);
    const prices = filtered.body.items.map((i: { price: { amount: number } }) => i.price.amount);
    assert.deepEqual(prices, [...prices].sort((a, b) => a - b), 'cheapest first');
    assertProblem(await call(shop.url, 'GET', '/mobile/v1/listing?limit=500'), 400, 'validation-failed');
  });

  it('product: details and every variant with price and stock; 404 problem for an unknown handle', async () => {
    const listing = await call(shop.url, 'GET', '/mobile/v1/listing?limit=1&sort=name');
    const handle = listing.body.items[0].handle as string;
    const product = await call(shop.url, 'GET', `/mobile/v1/products/${handle}`);
    assert.equal(product.status, 200, JSON.stringify(product.body));
    assert.equal(product.body.handle, handle);
    assert.ok(product.body.variants.length > 0);
    for (const variant of product.body.variants) {
      assert.ok(variant.price.amount > 0);
      assert.equal(typeof variant.available, 'number');
    }
    assert.equal(product.body.price.amount, Math.min(...product.body.variants.map((v: { price: { amount: number } }) => v.price.amount)));
    assertProblem(await call(shop.url, 'GET', '/mobile/v1/products/no-such-product'), 404, 'not-found');
    assertProblem(await call(shop.url, 'GET', '/mobile/v1/products/Not_A_Handle'), 400, 'validation-failed');
  });

  it('cart and checkout: a guest cart by its token; checkout places the order; bad input and a declined card are problems', async () => {
    const listing = await call(shop.url, 'GET', '/mobile/v1/listing?limit=10&sort=name');
    const handle = listing.body.items.find((i: { inStock: boolean }) => i.inStock).handle as string;
    const product = await call(shop.url, 'GET', `/mobile/v1/products/${handle}`);
    const sku = product.body.variants.find((v: { inStock: boolean }) => v.inStock).sku as string;

    const newCart = async () => {
      const created = await call(shop.url, 'POST', '/api/cart/carts', { body: { currency: 'EUR', channel: 'mobile', shipping: { country: 'DE', method: 'standard' } } });
      const guest = { 'cart-token': created.body.token as string };
      assert.equal((await call(shop.url, 'POST', `/api/cart/carts/${created.body.id}/lines`, { headers: guest, body: { sku, quantity: 1 } })).status, 200);
      return { id: created.body.id as string, guest };
    };
    const cart = await newCart();
    const screen = await call(shop.url, 'GET', `/mobile/v1/carts/${cart.id}`, { headers: cart.guest });
    assert.equal(screen.status, 200, JSON.stringify(screen.body));
    assert.equal(screen.body.itemCount, 1);
    assert.equal(screen.body.lines[0].name, product.body.name);
    assert.equal(screen.body.token, undefined, 'the token is not repeated');
    assertProblem(await call(shop.url, 'GET', `/mobile/v1/carts/${cart.id}`), 404, 'cart-not-found');

    const checkout = (cartId: string, card: string, guest: Record<string, string>, key: string, extra: Record<string, unknown> = {}) =>
      call(shop.url, 'POST', '/mobile/v1/checkout', {
        headers: { ...guest, 'idempotency-key': key },
        body: { cartId, email: 'mobile-guest@example.com', shippingAddress: ADDRESS, card: { number: card }, ...extra },
      });
    assertProblem(await checkout(cart.id, CARDS.approve, cart.guest, `mobile-bad-${Date.now()}`, { email: 'not-an-email' }), 400, 'validation-failed');
    assertProblem(
      await call(shop.url, 'POST', '/mobile/v1/checkout', { headers: cart.guest, body: { cartId: cart.id, email: 'a@example.com', shippingAddress: ADDRESS, card: { number: CARDS.approve } } }),
      400,
      'validation-failed',
    );
    assertProblem(await checkout(cart.id, CARDS.decline, cart.guest, `mobile-decline-${Date.now()}`), 402, 'payment-declined');

    const placed = await checkout(cart.id, CARDS.approve, cart.guest, `mobile-approve-${Date.now()}`);
    assert.equal(placed.status, 201, JSON.stringify(placed.body));
    assert.equal(placed.body.status, 'completed');
    assert.ok(placed.body.orderId);
  });

  it('orders: the signed-in customer’s orders; 401 problem for a guest', async () => {
    assertProblem(await call(shop.url, 'GET', '/mobile/v1/orders'), 401, 'unauthorized');
    const email = 'mobile-buyer@example.com';
    assert.equal((await call(shop.url, 'POST', '/api/identity/accounts', { body: { email, password: 'correct horse battery', name: 'Mobile' } })).status, 201);
    const token = await login(shop.url, email, 'correct horse battery');
    const empty = await call(shop.url, 'GET', '/mobile/v1/orders', { token });
    assert.equal(empty.status, 200, JSON.stringify(empty.body));
    assert.deepEqual(empty.body.items, []);

    const listing = await call(shop.url, 'GET', '/mobile/v1/listing?limit=10&sort=name');
    const handle = listing.body.items.find((i: { inStock: boolean }) => i.inStock).handle as string;
    const sku = (await call(shop.url, 'GET', `/mobile/v1/products/${handle}`)).body.variants.find((v: { inStock: boolean }) => v.inStock).sku as string;
    const created = await call(shop.url, 'POST', '/api/cart/carts', { token, body: { currency: 'EUR', channel: 'mobile', shipping: { country: 'DE', method: 'standard' } } });
    await call(shop.url, 'POST', `/api/cart/carts/${created.body.id}/lines`, { token, body: { sku, quantity: 2 } });
    const placed = await call(shop.url, 'POST', '/mobile/v1/checkout', {
      token,
      headers: { 'idempotency-key': `mobile-orders-${Date.now()}` },
      body: { cartId: created.body.id, email, shippingAddress: ADDRESS, card: { number: CARDS.approve } },
    });
    assert.equal(placed.status, 201, JSON.stringify(placed.body));
    assert.equal(placed.body.order.status, 'placed', 'a signed-in buyer gets the order summary back');

    const orders = await call(shop.url, 'GET', '/mobile/v1/orders', { token });
    assert.equal(orders.body.items.length, 1);
    assert.deepEqual(
      { number: orders.body.items[0].number, status: orders.body.items[0].status, itemCount: orders.body.items[0].itemCount },
      { number: placed.body.order.number, status: 'placed', itemCount: 2 },
    );
  });

  it('documents every screen in the gateway’s OpenAPI document, with its access rule', async () => {
    const openapi = await call(shop.url, 'GET', '/openapi.json');
    const paths = openapi.body.paths;
    for (const path of ['/mobile/v1/home', '/mobile/v1/listing', '/mobile/v1/products/{handle}', '/mobile/v1/carts/{id}', '/mobile/v1/orders']) {
      assert.ok(paths[path]?.get?.responses?.['200'], `${path} documented`);
    }
    assert.ok(paths['/mobile/v1/checkout']?.post?.requestBody, 'checkout body documented');
    assert.deepEqual(paths['/mobile/v1/orders'].get.security, [{ bearerAuth: [] }]);
  });
});
