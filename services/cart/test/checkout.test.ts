import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ServiceClient } from '@mercato/kit';
import { deliverProduct, ok, priceList, startCartRig, storedCart, type CartRig } from './helpers.ts';

const CARTS = '/api/cart/carts';
const SHIPPING = { country: 'DE', method: 'standard' };

describe('cart: held by a checkout (internal lock, complete, release)', () => {
  let rig: CartRig;
  let checkout: ServiceClient;
  let customer: string;
  let staff: string;

  before(async () => {
    rig = await startCartRig({}, ['checkout']);
    checkout = rig.services.checkout!.context.client('cart');
    staff = await rig.issuer.mint({ sub: 'acct_staff', roles: ['pricing-manager'] });
    customer = await rig.issuer.mint({ sub: 'acct_buyer', roles: ['customer'] });
    await deliverProduct(rig, 'prod_tee', ['TEE']);
    await deliverProduct(rig, 'prod_mug', ['MUG']);
    const pricing = { service: 'pricing' as const, token: staff };
    await ok(rig, 'PUT', '/api/pricing/currencies/EUR', { ...pricing, body: { taxMode: 'gross' } }, 201);
    await ok(rig, 'PUT', '/api/pricing/tax-classes/standard', { ...pricing, body: { name: 'Standard', isDefault: true } });
    await ok(rig, 'PUT', '/api/pricing/tax-zones/eu', { ...pricing, body: { name: 'EU', countries: ['DE'] } });
    await ok(rig, 'PUT', '/api/pricing/tax-rates/eu/standard', { ...pricing, body: { rateBp: 1900 } });
    await ok(rig, 'PUT', '/api/pricing/shipping-methods/standard', { ...pricing, body: { name: 'Standard', rates: [{ zone: 'eu', currency: 'EUR', kind: 'flat', amount: 495 }] } }, 201);
    await priceList(rig, staff, { code: 'base-eur', kind: 'base', currency: 'EUR' }, { TEE: 2000, MUG: 1000 });
  });
  after(() => rig?.stop());

  const call = async (path: string, body: unknown) => {
    const response = await checkout.request(path, { method: 'POST', body });
    return { status: response.status, body: JSON.parse(response.body.toString('utf8')) };
  };
  const lock = (cartId: string, body: Record<string, unknown>) => call(`${CARTS}/${cartId}/checkout/lock`, body);
  const guestCart = async (lines: Array<{ sku: string; quantity: number }>, shipping: typeof SHIPPING | null = SHIPPING) => {
    const cart = await ok(rig, 'POST', CARTS, { body: { currency: 'EUR', ...(shipping ? { shipping } : {}) } }, 201);
    for (const line of lines) await ok(rig, 'POST', `${CARTS}/${cart.id}/lines`, { headers: { 'cart-token': cart.token }, body: line });
    return { id: cart.id as string, token: cart.token as string };
  };

  it('locks a guest cart for its token holder only, priced now; customer changes are refused until it is released', async () => {
    const { id, token } = await guestCart([{ sku: 'TEE', quantity: 2 }]);
    const guest = { headers: { 'cart-token': token } };
    assert.equal((await lock(id, { checkoutId: 'chk_1', accountId: null, cartToken: 'x'.repeat(43) })).status, 404, 'wrong token');
    assert.equal((await lock(id, { checkoutId: 'chk_1', accountId: 'acct_buyer' })).status, 404, 'a person who does not own the guest cart');
    const before = await storedCart(rig, id);

    const locked = await lock(id, { checkoutId: 'chk_1', accountId: null, cartToken: token });
    assert.equal(locked.status, 200, JSON.stringify(locked.body));
    assert.equal(locked.body.status, 'checking_out');
    assert.equal(locked.body.checkoutId, 'chk_1');
    assert.equal(locked.body.accountId, null);
    assert.deepEqual(locked.body.lines.map((l: any) => [l.sku, l.quantity, l.unitPrice]), [['TEE', 2, 2000]]);
    assert.equal(locked.body.totals.grandTotal, 4000 + 495);
    assert.deepEqual(locked.body.shipping, SHIPPING);

    const changes: Array<[string, string, unknown]> = [
      ['POST', `${CARTS}/${id}/lines`, { sku: 'MUG', quantity: 1 }],
      ['PATCH', `${CARTS}/${id}/lines/TEE`, { quantity: 5 }],
      ['DELETE', `${CARTS}/${id}/lines/TEE`, undefined],
      ['PUT', `${CARTS}/${id}/shipping`, { country: 'DE', method: 'standard' }],
      ['POST', `${CARTS}/${id}/coupons`, { code: 'ANY10' }],
    ];
    for (const [method, url, body] of changes) {
      const response = await rig.request(method, url, { ...guest, body });
      assert.equal(response.statusCode, 409, `${method} ${url}: ${response.body}`);
      assert.match(String(response.headers['content-type']), /application\/problem\+json/);
      assert.equal(response.json().code, 'cart-checking-out');
      assert.equal(response.json().checkoutId, 'chk_1');
    }
    const merge = await rig.request('POST', `${CARTS}/mine/merge`, { token: customer, ...guest, body: { guestCartId: id } });
    assert.equal(merge.statusCode, 409, 'a held guest cart is not merged away');
    const read = await ok(rig, 'GET', `${CARTS}/${id}`, guest);
    assert.equal(read.status, 'checking_out');
    assert.equal(read.checkoutId, 'chk_1');

    const again = await lock(id, { checkoutId: 'chk_1', accountId: null, cartToken: token });
    assert.equal(again.status, 200, 'repeatable by the same checkout');
    assert.equal(again.body.version, locked.body.version);
    const other = await lock(id, { checkoutId: 'chk_2', accountId: null, cartToken: token });
    assert.equal(other.status, 409);
    assert.equal(other.body.code, 'cart-checking-out');

    const released = await call(`${CARTS}/${id}/checkout/release`, { checkoutId: 'chk_1' });
    assert.equal(released.status, 200, JSON.stringify(released.body));
    assert.equal(released.body.status, 'open');
    assert.equal(released.body.checkoutId, null);
    assert.equal((await call(`${CARTS}/${id}/checkout/release`, { checkoutId: 'chk_1' })).status, 200, 'releasing again changes nothing');
    const after = await storedCart(rig, id);
    assert.deepEqual(after.lines, before.lines);
    assert.equal(after.status, 'open');
    const edited = await ok(rig, 'POST', `${CARTS}/${id}/lines`, { ...guest, body: { sku: 'MUG', quantity: 1 } });
    assert.deepEqual(edited.lines.map((l: any) => l.sku), ['TEE', 'MUG'], 'editable again');
  });

  it('refuses an empty cart and one without a shipping destination, changing nothing', async () => {
    const empty = await guestCart([]);
    const noEmpty = await lock(empty.id, { checkoutId: 'chk_3', accountId: null, cartToken: empty.token });
    assert.equal(noEmpty.status, 422);
    assert.equal(noEmpty.body.code, 'cart-empty');
    const nowhere = await guestCart([{ sku: 'MUG', quantity: 1 }], null);
    const noShipping = await lock(nowhere.id, { checkoutId: 'chk_3', accountId: null, cartToken: nowhere.token });
    assert.equal(noShipping.status, 422);
    assert.equal(noShipping.body.code, 'shipping-required');
    assert.equal((await storedCart(rig, nowhere.id)).status, 'open');
  });

  it('closes a customer cart as ordered; the customer may open a new cart; completing is repeatable, releasing then is refused', async () => {
    const cart = await ok(rig, 'POST', CARTS, { token: customer, body: { currency: 'EUR', shipping: SHIPPING } }, 201);
    await ok(rig, 'POST', `${CARTS}/${cart.id}/lines`, { token: customer, body: { sku: 'MUG', quantity: 3 } });
    assert.equal((await lock(cart.id, { checkoutId: 'chk_4', accountId: 'acct_other' })).status, 404, 'another account');
    const locked = await lock(cart.id, { checkoutId: 'chk_4', accountId: 'acct_buyer' });
    assert.equal(locked.status, 200, JSON.stringify(locked.body));
    assert.equal(locked.body.accountId, 'acct_buyer');
    assert.equal((await ok(rig, 'GET', `${CARTS}/mine`, { token: customer })).status, 'checking_out');
    const second = await rig.request('POST', CARTS, { token: customer, body: { currency: 'EUR' } });
    assert.equal(second.statusCode, 409, 'the held cart is still their one cart');
    assert.equal(second.json().code, 'cart-exists');

    const wrong = await call(`${CARTS}/${cart.id}/checkout/complete`, { checkoutId: 'chk_9', orderId: 'ord_1' });
    assert.equal(wrong.status, 409);
    assert.equal(wrong.body.code, 'cart-not-in-checkout');
    const done = await call(`${CARTS}/${cart.id}/checkout/complete`, { checkoutId: 'chk_4', orderId: 'ord_1' });
    assert.equal(done.status, 200, JSON.stringify(done.body));
    assert.equal(done.body.status, 'ordered');
    assert.equal(done.body.orderId, 'ord_1');
    assert.equal((await call(`${CARTS}/${cart.id}/checkout/complete`, { checkoutId: 'chk_4', orderId: 'ord_1' })).status, 200, 'repeatable');
    const release = await call(`${CARTS}/${cart.id}/checkout/release`, { checkoutId: 'chk_4' });
    assert.equal(release.status, 409);
    assert.equal(release.body.code, 'cart-not-in-checkout');
    assert.equal((await storedCart(rig, cart.id)).status, 'ordered');

    assert.equal((await rig.request('GET', `${CARTS}/mine`, { token: customer })).statusCode, 404);
    assert.equal((await rig.request('GET', `${CARTS}/${cart.id}`, { token: customer })).statusCode, 404, 'an ordered cart is closed');
    const fresh = await ok(rig, 'POST', CARTS, { token: customer, body: { currency: 'EUR' } }, 201);
    assert.notEqual(fresh.id, cart.id);
  });

  it('locks the cart at today’s prices and says which moved', async () => {
    const { id, token } = await guestCart([{ sku: 'MUG', quantity: 2 }]);
    const base = (await ok(rig, 'GET', '/api/pricing/price-lists?kind=base', { service: 'pricing', token: staff })).items.find((l: any) => l.code === 'base-eur');
    await ok(rig, 'PUT', `/api/pricing/price-lists/${base.id}/prices`, { service: 'pricing', token: staff, body: { items: [{ sku: 'MUG', tiers: [{ minQuantity: 1, amount: 1200 }] }] } });
    const locked = await lock(id, { checkoutId: 'chk_6', accountId: null, cartToken: token });
    assert.equal(locked.status, 200, JSON.stringify(locked.body));
    assert.equal(locked.body.lines[0].unitPrice, 1200);
    assert.equal(locked.body.totals.subtotal, 2400);
    assert.deepEqual(locked.body.notices, [{ type: 'price-changed', sku: 'MUG', previousUnitPrice: 1000, unitPrice: 1200 }]);
    await ok(rig, 'PUT', `/api/pricing/price-lists/${base.id}/prices`, { service: 'pricing', token: staff, body: { items: [{ sku: 'MUG', tiers: [{ minQuantity: 1, amount: 1000 }] }] } });
  });

  it('only services reach the checkout routes', async () => {
    const { id, token } = await guestCart([{ sku: 'TEE', quantity: 1 }]);
    for (const [auth, status] of [[{}, 401], [{ token: customer }, 403]] as const) {
      const response = await rig.request('POST', `${CARTS}/${id}/checkout/lock`, { ...auth, body: { checkoutId: 'chk_5', accountId: null, cartToken: token } });
      assert.equal(response.statusCode, status, response.body);
    }
    assert.equal((await storedCart(rig, id)).status, 'open');
  });
});
