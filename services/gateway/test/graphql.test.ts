import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { eventually } from '@mercato/testing';
import { SDL } from '../src/graphql/schema.ts';
import { ADDRESS, call, CARDS, graphql, login, requestCounts, sha256, startShop, type Shop } from './bff-shop.ts';
const LISTING = `query Listing($first: Int) { search(first: $first) { items { name price { unit { amount } } inStock } } }`;
/** The routes the BFF reads a listing from, per service. */
const LISTING_ROUTES: Record<string, string[]> = {
  search: ['/api/search/products'],
  pricing: ['/api/pricing/prices/resolve'],
  inventory: ['/api/inventory/availability'],
  catalog: ['/api/catalog/products', '/api/catalog/products/:id'],
};

async function listingCalls(shop: Shop): Promise<number> {
  let total = 0;
  for (const [service, routes] of Object.entries(LISTING_ROUTES)) {
    const counts = await requestCounts(shop, service);
    for (const route of routes) total += counts.get(route) ?? 0;
  }
  return total;
}

const CART_FIELDS = `id token itemCount lines { sku quantity unitPrice { amount } product { name } variantName } totals { grandTotal { amount formatted } }`;

describe('web BFF: GraphQL at /graphql', () => {
  let shop: Shop;
  before(async () => {
    shop = await startShop();
  });
  after(() => shop?.platform.stop());

  it('answers a product list of 2 or 20 with the same number of service calls', async () => {
    const costOf = async (first: number) => {
      const before = await listingCalls(shop);
      const answer = await graphql(shop, LISTING, { first });
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      assert.equal(answer.body.errors, undefined, JSON.stringify(answer.body.errors));
      const items = answer.body.data.search.items as Array<{ price: { unit: { amount: number } } | null; inStock: boolean }>;
      assert.equal(items.length, first);
      assert.ok(items.every((item) => item.price && item.price.unit.amount > 0), 'every demo product has a price');
      return (await listingCalls(shop)) - before;
    };
    const small = await costOf(2);
    const large = await costOf(20);
    assert.equal(large, small, `20 products cost ${large} calls, 2 cost ${small}`);
    assert.equal(small, 3, 'one search, one price resolution, one availability call');
  });

  it('shows a product by handle with its variants, the guest getting the list price', async () => {
    const listed = await graphql(shop, '{ search(first: 1, sort: NAME) { items { handle } } }');
    const handle = listed.body.data.search.items[0].handle as string;
    const answer = await graphql(
      shop,
      `query P($handle: String!) { product(handle: $handle) { name handle description brand { name } category { name children { id } } images
        attributes { code label value } price { unit { amount currency formatted } kind listCode } inStock
        variants { sku name options { name value } price { unit { amount } kind } availability { available inStock } } } }`,
      { handle },
    );
    assert.equal(answer.body.errors, undefined, JSON.stringify(answer.body.errors));
    const product = answer.body.data.product;
    assert.equal(product.handle, handle);
    assert.ok(product.variants.length >= 1);
    const skus = product.variants.map((v: { sku: string }) => v.sku);
    const listPrices = await call(shop.url, 'POST', '/api/pricing/prices/resolve', { body: { items: skus.map((sku: string) => ({ sku, quantity: 1 })), currency: 'EUR', channel: 'web' } });
    const cheapest = Math.min(...listPrices.body.items.map((i: { unitPrice: number }) => i.unitPrice));
    assert.equal(product.price.unit.amount, cheapest);
    assert.equal(product.price.kind, 'base');
    assert.equal(product.price.listCode, 'demo-base-eur');
    assert.match(product.price.unit.formatted, /^€\d+\.\d\d$/);
    assert.equal((await graphql(shop, '{ product(handle: "no-such-product") { id } }')).body.data.product, null);
  });

  it('rejects a query deeper than 8 levels', async () => {
    const deep = '{ categories { children { children { children { children { children { children { children { children { id } } } } } } } } } }';
    const answer = await graphql(shop, deep);
    assert.equal(answer.status, 400);
    assert.equal(answer.body.errors[0].extensions.code, 'query-too-deep', JSON.stringify(answer.body));
  });

  it('rejects lists over 100 items, queries over the cost limit and bodies over 64 KB', async () => {
    const tooMany = await graphql(shop, LISTING, { first: 101 });
    assert.equal(tooMany.status, 400);
    assert.equal(tooMany.body.errors[0].extensions.code, 'first-too-large', JSON.stringify(tooMany.body));
    const costly = await graphql(
      shop,
      `{ search(first: 100) { items { name variants { sku name options { name value } price { unit { amount currency formatted } kind listCode }
         availability { available inStock } } } } }`,
    );
    assert.equal(costly.status, 400);
    assert.equal(costly.body.errors[0].extensions.code, 'query-too-complex', JSON.stringify(costly.body));
    const huge = await graphql(shop, `{ categories { id } } # ${'x'.repeat(70_000)}`);
    assert.equal(huge.status, 413);
    assert.equal(huge.body.errors[0].extensions.code, 'payload-too-large', JSON.stringify(huge.body));
  });

  it('serves a persisted query by its hash over GET once registered', async () => {
    const query = `query Persisted($first: Int) { search(first: $first) { total items { handle } } }`;
    const extensions = { persistedQuery: { version: 1, sha256Hash: sha256(query) } };
    const byHash = `/graphql?extensions=${encodeURIComponent(JSON.stringify(extensions))}&variables=${encodeURIComponent(JSON.stringify({ first: 3 }))}`;
    const unknown = await call(shop.url, 'GET', byHash);
    assert.equal(unknown.body.errors[0].message, 'PersistedQueryNotFound', JSON.stringify(unknown.body));
    const registered = await call(shop.url, 'POST', '/graphql', { body: { query, variables: { first: 3 }, extensions } });
    assert.equal(registered.body.errors, undefined, JSON.stringify(registered.body));
    const fetched = await call(shop.url, 'GET', byHash);
    assert.equal(fetched.status, 200, JSON.stringify(fetched.body));
    assert.deepEqual(fetched.body.data, registered.body.data);
    assert.equal(fetched.body.data.search.items.length, 3);
  });

  it('fills a guest cart, checks out, and reports a declined card as payment-declined', async () => {
    const { body: listed } = await graphql(shop, '{ search(first: 5, sort: NAME) { items { variants { sku availability { inStock } } } } }');
    const sku = (listed.data.search.items as Array<{ variants: Array<{ sku: string; availability: { inStock: boolean } }> }>)
      .flatMap((p) => p.variants)
      .find((v) => v.availability.inStock)!.sku;

    const fillCart = async () => {
      const created = await graphql(shop, `mutation { createCart { ${CART_FIELDS} } }`);
      assert.equal(created.body.errors, undefined, JSON.stringify(created.body));
      const { id, token } = created.body.data.createCart;
      assert.ok(token, 'a guest cart comes with its token');
      const guest = { 'cart-token': token };
      const added = await graphql(shop, `mutation A($id: ID!, $sku: String!) { addToCart(cartId: $id, sku: $sku, quantity: 2) { ${CART_FIELDS} } }`, { id, sku }, guest);
      assert.equal(added.body.errors, undefined, JSON.stringify(added.body));
      const cart = added.body.data.addToCart;
      assert.equal(cart.itemCount, 2);
      assert.equal(cart.lines[0].sku, sku);
      assert.ok(cart.lines[0].product.name, 'a line names its product');
      const shipped = await graphql(shop, `mutation S($id: ID!) { setShipping(cartId: $id, country: "DE", method: "standard") { ${CART_FIELDS} } }`, { id }, guest);
      assert.equal(shipped.body.errors, undefined, JSON.stringify(shipped.body));
      const read = await graphql(shop, `query C($id: ID!) { cart(id: $id) { ${CART_FIELDS} } }`, { id }, guest);
      assert.equal(read.body.data.cart.id, id);
      assert.equal((await graphql(shop, `query C($id: ID!) { cart(id: $id) { id } }`, { id })).body.data.cart, null, 'not without its token');
      return { id, guest };
    };
    const checkout = (cartId: string, card: string, guest: Record<string, string>, key: string) =>
      graphql(
        shop,
        `mutation Pay($input: CheckoutInput!, $key: String!) { checkout(input: $input, idempotencyKey: $key) { id status orderId failure { code } } }`,
        { input: { cartId, email: 'guest@example.com', shippingAddress: ADDRESS, card: { number: card, expiry: '12/30', cvc: '123' } }, key },
        guest,
      );

    const declinedCart = await fillCart();
    const declined = await checkout(declinedCart.id, CARDS.decline, declinedCart.guest, `gql-decline-${Date.now()}`);
    assert.equal(declined.status, 200);
    assert.equal(declined.body.data, null);
    assert.equal(declined.body.errors[0].extensions.code, 'payment-declined', JSON.stringify(declined.body));
    assert.equal(declined.body.errors[0].extensions.status, 402);
    assert.ok(declined.body.errors[0].extensions.title);
    const after = await graphql(shop, `query C($id: ID!) { cart(id: $id) { status itemCount } }`, { id: declinedCart.id }, declinedCart.guest);
    assert.deepEqual(after.body.data.cart, { status: 'open', itemCount: 2 }, 'the cart stays as it was');

    const paidCart = await fillCart();
    const paid = await checkout(paidCart.id, CARDS.approve, paidCart.guest, `gql-approve-${Date.now()}`);
    assert.equal(paid.body.errors, undefined, JSON.stringify(paid.body));
    assert.equal(paid.body.data.checkout.status, 'completed');
    assert.ok(paid.body.data.checkout.orderId);
  });

  it('gives a guest viewer no account, no cart and no orders', async () => {
    const answer = await graphql(shop, '{ viewer { account { id } cart { id } orders { id } addresses { city } } categories { id name children { name } } }');
    assert.equal(answer.body.errors, undefined, JSON.stringify(answer.body));
    assert.deepEqual(answer.body.data.viewer, { account: null, cart: null, orders: [], addresses: [] });
    assert.ok(answer.body.data.categories.length > 0);
  });

  it('prices for a signed-in buyer by their contract; their viewer shows account, merged cart and orders', async () => {
    const email = 'gql-buyer@example.com';
    assert.equal((await call(shop.url, 'POST', '/api/identity/accounts', { body: { email, password: 'correct horse battery', name: 'Buyer' } })).status, 201);
    const token = await login(shop.url, email, 'correct horse battery');
    const bearer = { authorization: `Bearer ${token}` };
    let customerId = '';
    await eventually(async () => {
      const me = await call(shop.url, 'GET', '/api/customers/me', { token });
      customerId = me.body?.id;
      return me.status === 200;
    }, 20_000, 100);

    const { body: listed } = await graphql(shop, '{ search(first: 3, sort: NAME) { items { handle variants { sku availability { inStock } } } } }');
    const product = (listed.data.search.items as Array<{ handle: string; variants: Array<{ sku: string; availability: { inStock: boolean } }> }>).find((p) =>
      p.variants.every((v) => v.availability.inStock),
    )!;
    const list = await call(shop.url, 'POST', '/api/pricing/price-lists', { token: shop.admin, body: { code: 'gql-contract', name: 'Contract', kind: 'contract', currency: 'EUR', customerId } });
    assert.equal(list.status, 201, JSON.stringify(list.body));
    const items = product.variants.map((v) => ({ sku: v.sku, tiers: [{ minQuantity: 1, amount: 123 }] }));
    assert.equal((await call(shop.url, 'PUT', `/api/pricing/price-lists/${list.body.id}/prices`, { token: shop.admin, body: { items } })).status, 200);

    const priceQuery = `query P($handle: String!) { product(handle: $handle) { price { unit { amount } kind listCode } } }`;
    await eventually(async () => (await graphql(shop, priceQuery, { handle: product.handle }, bearer)).body.data?.product.price.kind === 'contract', 10_000, 100);
    const contract = (await graphql(shop, priceQuery, { handle: product.handle }, bearer)).body.data.product.price;
    assert.deepEqual(contract, { unit: { amount: 123 }, kind: 'contract', listCode: 'gql-contract' });
    const guest = (await graphql(shop, priceQuery, { handle: product.handle })).body.data.product.price;
    assert.equal(guest.kind, 'base', 'a guest still gets the list price');

    const created = (await graphql(shop, `mutation { createCart { id token } }`)).body.data.createCart;
    const cartToken = { 'cart-token': created.token };
    const sku = product.variants[0]!.sku;
    await graphql(shop, `mutation A($id: ID!, $sku: String!) { addToCart(cartId: $id, sku: $sku) { id } }`, { id: created.id, sku }, cartToken);
    const merged = await graphql(shop, `mutation M($id: ID!) { mergeCart(guestCartId: $id) { id itemCount lines { unitPrice { amount } } } }`, { id: created.id }, { ...bearer, ...cartToken });
    assert.equal(merged.body.errors, undefined, JSON.stringify(merged.body));
    const cartId = merged.body.data.mergeCart.id as string;
    assert.equal(merged.body.data.mergeCart.lines[0].unitPrice.amount, 123, 'the cart prices by the contract too');
    await graphql(shop, `mutation S($id: ID!) { setShipping(cartId: $id, country: "DE", method: "standard") { id } }`, { id: cartId }, bearer);
    const paid = await graphql(
      shop,
      `mutation Pay($input: CheckoutInput!, $key: String!) { checkout(input: $input, idempotencyKey: $key) { status order { number status lines { sku name } totals { grandTotal { amount } } } } }`,
      { input: { cartId, email, shippingAddress: ADDRESS, card: { number: CARDS.approve } }, key: `gql-buyer-${Date.now()}` },
      bearer,
    );
    assert.equal(paid.body.errors, undefined, JSON.stringify(paid.body));
    assert.equal(paid.body.data.checkout.order.status, 'placed');
    assert.equal(paid.body.data.checkout.order.lines[0].sku, sku);
    assert.notEqual(paid.body.data.checkout.order.lines[0].name, sku, 'an order line is named after its product, not its SKU');

    const viewer = await graphql(shop, `{ viewer { account { email } orders { number status itemCount totals { grandTotal { amount } } shippingAddress { city } } } }`, {}, bearer);
    assert.equal(viewer.body.errors, undefined, JSON.stringify(viewer.body));
    assert.equal(viewer.body.data.viewer.account.email, email);
    assert.equal(viewer.body.data.viewer.orders.length, 1);
    assert.equal(viewer.body.data.viewer.orders[0].number, paid.body.data.checkout.order.number);
    assert.equal(viewer.body.data.viewer.orders[0].shippingAddress.city, ADDRESS.city);
  });

  it('documents the SDL it serves in docs/reference/schema.graphql', () => {
    const documented = readFileSync(new URL('../../../docs/reference/schema.graphql', import.meta.url), 'utf8');
    assert.equal(documented, SDL, 'docs/reference/schema.graphql differs from services/gateway/src/graphql/schema.ts: copy the SDL over');
  });
});
