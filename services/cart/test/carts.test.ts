import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eventually } from '@mercato/testing';
import { expireInactiveCarts } from '../src/store/carts.store.ts';
import { deliverCustomer, deliverProduct, ok, priceList, startCartRig, storedCart, type CartRig } from './helpers.ts';

const CARTS = '/api/cart/carts';
const DAY = 86_400_000;
const SHIPPING = { country: 'DE', method: 'standard' };

describe('cart: prices from pricing, ownership, merge, coupons, bad input', () => {
  let rig: CartRig;
  let staff: string;
  const accounts = { b2b: 'acct_b2b', vip: 'acct_vip', plain: 'acct_plain', other: 'acct_other' };
  const tokens = {} as Record<keyof typeof accounts, string>;

  before(async () => {
    rig = await startCartRig();
    staff = await rig.issuer.mint({ sub: 'acct_staff', roles: ['pricing-manager'] });
    for (const [name, sub] of Object.entries(accounts)) tokens[name as keyof typeof accounts] = await rig.issuer.mint({ sub, roles: ['customer'] });
    await deliverProduct(rig, 'prod_tee', ['TEE']);
    await deliverProduct(rig, 'prod_mug', ['MUG']);
    await deliverProduct(rig, 'prod_pen', ['PEN']);
    await deliverCustomer(rig, { id: 'cust_b2b', accountId: accounts.b2b, companyId: 'comp_acme' });
    await deliverCustomer(rig, { id: 'cust_vip', accountId: accounts.vip, groups: ['vip'] });
    await deliverCustomer(rig, { id: 'cust_new_b2b', accountId: 'acct_new_b2b', companyId: 'comp_acme' });

    const pricing = { service: 'pricing' as const, token: staff };
    await ok(rig, 'PUT', '/api/pricing/currencies/EUR', { ...pricing, body: { taxMode: 'gross' } }, 201);
    await ok(rig, 'PUT', '/api/pricing/tax-classes/standard', { ...pricing, body: { name: 'Standard', isDefault: true } });
    await ok(rig, 'PUT', '/api/pricing/tax-zones/eu', { ...pricing, body: { name: 'EU', countries: ['DE', 'FR'] } });
    await ok(rig, 'PUT', '/api/pricing/tax-rates/eu/standard', { ...pricing, body: { rateBp: 1900 } });
    await ok(rig, 'PUT', '/api/pricing/shipping-methods/standard', { ...pricing, body: { name: 'Standard', rates: [{ zone: 'eu', currency: 'EUR', kind: 'flat', amount: 495 }] } }, 201);

    const now = Date.now();
    await priceList(rig, staff, { code: 'base-eur', kind: 'base', currency: 'EUR' }, { TEE: 2000, MUG: 1000, PEN: 300 });
    await priceList(rig, staff, { code: 'acme', kind: 'contract', currency: 'EUR', companyId: 'comp_acme' }, { TEE: 1500 });
    await priceList(rig, staff, { code: 'vip-now', kind: 'group', currency: 'EUR', groupCode: 'vip', validFrom: new Date(now - DAY).toISOString(), validTo: new Date(now + DAY).toISOString() }, { MUG: 800 });
    await priceList(rig, staff, { code: 'vip-later', kind: 'group', currency: 'EUR', groupCode: 'vip', validFrom: new Date(now + DAY).toISOString(), validTo: new Date(now + 2 * DAY).toISOString() }, { TEE: 1600 });
  });
  after(() => rig?.stop());

  const guestCart = async (body: Record<string, unknown> = {}) => {
    const cart = await ok(rig, 'POST', CARTS, { body: { currency: 'EUR', ...body } }, 201);
    return { id: cart.id as string, token: cart.token as string, cart };
  };
  const asGuest = (token: string) => ({ headers: { 'cart-token': token } });
  const add = (id: string, line: Record<string, unknown>, auth: { token?: string; headers?: Record<string, string> }) => rig.request('POST', `${CARTS}/${id}/lines`, { ...auth, body: line });
  const unitPrices = (cart: any) => Object.fromEntries(cart.lines.map((l: any) => [l.sku, l.unitPrice]));

  it('a guest sees list prices; totals need a destination; only the cart token reaches the cart', async () => {
    const { id, token, cart } = await guestCart();
    assert.equal(cart.kind, 'guest');
    assert.match(token, /^[A-Za-z0-9_-]{43}$/);
    const row = await storedCart(rig, id);
    assert.notEqual(row.token_hash, token, 'only a hash of the token is stored');

    const added = (await add(id, { sku: 'TEE', quantity: 2 }, asGuest(token))).json();
    assert.deepEqual(unitPrices(added), { TEE: 2000 });
    assert.equal(added.lines[0].priceList.kind, 'base');
    assert.deepEqual(added.totals, { subtotal: 4000, discounts: 0, tax: null, shipping: null, grandTotal: 4000, complete: false });

    const shipped = await ok(rig, 'PUT', `${CARTS}/${id}/shipping`, { ...asGuest(token), body: SHIPPING });
    assert.deepEqual(shipped.totals, { subtotal: 4000, discounts: 0, tax: 639 + 79, shipping: 495, grandTotal: 4495, complete: true });

    for (const headers of [{}, { 'cart-token': 'x'.repeat(43) }] as Array<Record<string, string>>) {
      const response = await rig.request('GET', `${CARTS}/${id}`, { headers });
      assert.equal(response.statusCode, 404);
      assert.equal(response.json().code, 'cart-not-found');
    }
    assert.equal((await rig.request('GET', `${CARTS}/${id}`, { token: tokens.other })).statusCode, 404, 'a signed-in stranger without the token');
    assert.equal((await ok(rig, 'GET', `${CARTS}/${id}`, asGuest(token))).version, shipped.version);
  });

  it('a B2B buyer sees the contract price in their cart', async () => {
    const cart = await ok(rig, 'POST', CARTS, { token: tokens.b2b, body: { currency: 'EUR', shipping: SHIPPING } }, 201);
    assert.equal(cart.kind, 'customer');
    assert.equal(cart.token, undefined);
    const added = (await add(cart.id, { sku: 'TEE', quantity: 3 }, { token: tokens.b2b })).json();
    assert.deepEqual(unitPrices(added), { TEE: 1500 });
    assert.deepEqual(added.lines[0].priceList, { id: added.lines[0].priceList.id, code: 'acme', kind: 'contract', validTo: null });
    assert.equal(added.totals.grandTotal, 4500 + 495);

    const again = await rig.request('POST', CARTS, { token: tokens.b2b, body: { currency: 'EUR' } });
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().cartId, cart.id);
    assert.equal((await ok(rig, 'GET', `${CARTS}/mine`, { token: tokens.b2b })).id, cart.id);
  });

  it('a customer-group price applies only inside its validity window', async () => {
    const cart = await ok(rig, 'POST', CARTS, { token: tokens.vip, body: { currency: 'EUR' } }, 201);
    await add(cart.id, { sku: 'TEE', quantity: 1 }, { token: tokens.vip });
    const priced = (await add(cart.id, { sku: 'MUG', quantity: 1 }, { token: tokens.vip })).json();
    assert.deepEqual(unitPrices(priced), { TEE: 2000, MUG: 800 }, 'vip-later has not started; vip-now applies');
    assert.equal(priced.lines.find((l: any) => l.sku === 'MUG').priceList.code, 'vip-now');
    const guest = await guestCart();
    assert.deepEqual(unitPrices((await add(guest.id, { sku: 'MUG', quantity: 1 }, asGuest(guest.token))).json()), { MUG: 1000 }, 'not for guests');
  });

  it("another customer's cart is a 404, for reads and writes", async () => {
    const mine = await ok(rig, 'GET', `${CARTS}/mine`, { token: tokens.b2b });
    const read = await rig.request('GET', `${CARTS}/${mine.id}`, { token: tokens.other });
    assert.equal(read.statusCode, 404);
    const write = await add(mine.id, { sku: 'PEN', quantity: 1 }, { token: tokens.other });
    assert.equal(write.statusCode, 404);
    assert.equal((await rig.request('GET', `${CARTS}/${mine.id}`)).statusCode, 404, 'anonymous');
    assert.equal((await ok(rig, 'GET', `${CARTS}/mine`, { token: tokens.b2b })).version, mine.version);
  });

  it('merges a guest cart into the customer cart at login: quantities summed up to the maximum, guest cart closed', async () => {
    const customer = await ok(rig, 'POST', CARTS, { token: tokens.plain, body: { currency: 'EUR', shipping: SHIPPING } }, 201);
    await add(customer.id, { sku: 'TEE', quantity: 1 }, { token: tokens.plain });
    await add(customer.id, { sku: 'PEN', quantity: 5 }, { token: tokens.plain });
    const guest = await guestCart();
    await add(guest.id, { sku: 'TEE', quantity: 2 }, asGuest(guest.token));
    await add(guest.id, { sku: 'PEN', quantity: 998 }, asGuest(guest.token));
    await add(guest.id, { sku: 'MUG', quantity: 1 }, asGuest(guest.token));

    const merged = await ok(rig, 'POST', `${CARTS}/mine/merge`, { token: tokens.plain, ...asGuest(guest.token), body: { guestCartId: guest.id } });
    assert.equal(merged.id, customer.id);
    assert.deepEqual(merged.lines.map((l: any) => [l.sku, l.quantity]), [['TEE', 3], ['PEN', 999], ['MUG', 1]]);
    assert.deepEqual(merged.notices, [{ type: 'quantity-capped', sku: 'PEN', requested: 1003, quantity: 999 }]);
    assert.equal(merged.totals.subtotal, 3 * 2000 + 999 * 300 + 1000);
    assert.equal((await rig.request('GET', `${CARTS}/${guest.id}`, asGuest(guest.token))).statusCode, 404, 'the guest cart is closed');
    assert.equal((await storedCart(rig, guest.id)).status, 'merged');
    const replay = await rig.request('POST', `${CARTS}/mine/merge`, { token: tokens.plain, ...asGuest(guest.token), body: { guestCartId: guest.id } });
    assert.equal(replay.statusCode, 404);
  });

  it('a customer without a cart adopts the guest cart at login, repriced for them', async () => {
    const guest = await guestCart();
    await add(guest.id, { sku: 'TEE', quantity: 1 }, asGuest(guest.token));
    const token = await rig.issuer.mint({ sub: 'acct_new_b2b', roles: ['customer'] });
    const adopted = await ok(rig, 'POST', `${CARTS}/mine/merge`, { token, ...asGuest(guest.token), body: { guestCartId: guest.id } });
    assert.equal(adopted.id, guest.id);
    assert.equal(adopted.kind, 'customer');
    assert.deepEqual(unitPrices(adopted), { TEE: 1500 });
    assert.equal((await rig.request('GET', `${CARTS}/${guest.id}`, asGuest(guest.token))).statusCode, 404, 'the token no longer works');
  });

  it('refuses bad input with a problem naming the field, and changes nothing', async () => {
    const { id, token } = await guestCart({ shipping: SHIPPING });
    await add(id, { sku: 'TEE', quantity: 990 }, asGuest(token));
    const before = await storedCart(rig, id);
    const cases: Array<[Record<string, unknown>, number, string, string]> = [
      [{ sku: 'NOPE', quantity: 1 }, 422, 'unknown-sku', 'body/sku'],
      [{ sku: 'TEE', quantity: -1 }, 400, 'validation-failed', '/body/quantity'],
      [{ sku: 'TEE', quantity: 0 }, 400, 'validation-failed', '/body/quantity'],
      [{ sku: 'MUG', quantity: 1000 }, 400, 'validation-failed', '/body/quantity'],
      [{ sku: 'TEE', quantity: 10 }, 422, 'quantity-over-limit', 'body/quantity'],
      [{ sku: 'TEE', quantity: 1.5 }, 400, 'validation-failed', '/body/quantity'],
    ];
    for (const [line, status, code, pointer] of cases) {
      const response = await add(id, line, asGuest(token));
      assert.equal(response.statusCode, status, `${JSON.stringify(line)}: ${response.body}`);
      assert.match(String(response.headers['content-type']), /application\/problem\+json/);
      const problem = response.json();
      assert.equal(problem.code, code);
      assert.ok(problem.errors.some((e: any) => String(e.pointer ?? e.instancePath ?? '').includes(pointer.replace(/^\//, ''))), `${code}: ${response.body}`);
    }
    const patched = await rig.request('PATCH', `${CARTS}/${id}/lines/TEE`, { ...asGuest(token), body: { quantity: 1000 } });
    assert.equal(patched.statusCode, 400);
    assert.deepEqual(await storedCart(rig, id), before);

    for (const currency of ['XYZ', 'USD', 'eur']) {
      const response = await rig.request('POST', CARTS, { body: { currency } });
      assert.equal(response.statusCode, 422, response.body);
      assert.equal(response.json().code, 'unsupported-currency');
      assert.equal(response.json().errors[0].pointer, 'body/currency');
    }
  });

  it('If-Match makes a change conditional: a stale version is a 412 and changes nothing', async () => {
    const { id, token } = await guestCart();
    const first = await add(id, { sku: 'PEN', quantity: 1 }, asGuest(token));
    const etag = String(first.headers.etag);
    await add(id, { sku: 'PEN', quantity: 1 }, asGuest(token));
    const stale = await rig.request('PATCH', `${CARTS}/${id}/lines/PEN`, { headers: { 'cart-token': token, 'if-match': etag }, body: { quantity: 7 } });
    assert.equal(stale.statusCode, 412);
    assert.deepEqual((await ok(rig, 'GET', `${CARTS}/${id}`, asGuest(token))).lines.map((l: any) => l.quantity), [2]);
    const current = (await rig.request('GET', `${CARTS}/${id}`, asGuest(token))).headers.etag as string;
    const fresh = await ok(rig, 'PATCH', `${CARTS}/${id}/lines/PEN`, { headers: { 'cart-token': token, 'if-match': current }, body: { quantity: 7 } });
    assert.equal(fresh.lines[0].quantity, 7);
  });

  it('concurrent adds without If-Match all count', async () => {
    const { id, token } = await guestCart();
    await Promise.all(Array.from({ length: 6 }, () => add(id, { sku: 'PEN', quantity: 1 }, asGuest(token)).then((r) => assert.equal(r.statusCode, 200, r.body))));
    assert.equal((await ok(rig, 'GET', `${CARTS}/${id}`, asGuest(token))).lines[0].quantity, 6);
  });

  it('a price change marks carts stale; the next read shows the new price and says so', async () => {
    const { id, token } = await guestCart();
    await add(id, { sku: 'MUG', quantity: 2 }, asGuest(token));
    const base = (await ok(rig, 'GET', '/api/pricing/price-lists?kind=base', { service: 'pricing', token: staff })).items.find((l: any) => l.code === 'base-eur');
    await ok(rig, 'PUT', `/api/pricing/price-lists/${base.id}/prices`, { service: 'pricing', token: staff, body: { items: [{ sku: 'MUG', tiers: [{ minQuantity: 1, amount: 1100 }] }] } });
    await eventually(async () => (await storedCart(rig, id)).stale === true);
    const read = await ok(rig, 'GET', `${CARTS}/${id}`, asGuest(token));
    assert.deepEqual(unitPrices(read), { MUG: 1100 });
    assert.deepEqual(read.notices, [{ type: 'price-changed', sku: 'MUG', previousUnitPrice: 1000, unitPrice: 1100 }]);
    assert.equal(read.totals.subtotal, 2200);
    assert.equal((await storedCart(rig, id)).stale, false);
    await ok(rig, 'PUT', `/api/pricing/price-lists/${base.id}/prices`, { service: 'pricing', token: staff, body: { items: [{ sku: 'MUG', tiers: [{ minQuantity: 1, amount: 1000 }] }] } });
  });

  it('coupons: applied and explained on the cart; an expired one is refused and not kept', async () => {
    const pricing = { service: 'pricing' as const, token: staff };
    const promotion = await ok(rig, 'POST', '/api/pricing/promotions', {
      ...pricing,
      body: { code: 'ten-off', name: '10 % off', action: { type: 'percent-off-order', percent: 10 }, conditions: [{ type: 'coupon' }] },
    }, 201);
    await ok(rig, 'POST', `/api/pricing/promotions/${promotion.id}/coupons`, { ...pricing, body: { codes: ['SAVE10'] } }, 201);
    const expired = await ok(rig, 'POST', '/api/pricing/promotions', {
      ...pricing,
      body: { code: 'last-week', name: 'Last week', action: { type: 'percent-off-order', percent: 50 }, conditions: [{ type: 'coupon' }], validFrom: new Date(Date.now() - 8 * DAY).toISOString(), validTo: new Date(Date.now() - DAY).toISOString() },
    }, 201);
    await ok(rig, 'POST', `/api/pricing/promotions/${expired.id}/coupons`, { ...pricing, body: { codes: ['OLD50'] } }, 201);

    const { id, token } = await guestCart({ shipping: SHIPPING });
    await add(id, { sku: 'TEE', quantity: 1 }, asGuest(token));
    const applied = await ok(rig, 'POST', `${CARTS}/${id}/coupons`, { ...asGuest(token), body: { code: 'save10' } });
    assert.deepEqual(applied.coupons, [{ code: 'SAVE10', status: 'applied', amount: 200, reason: null }]);
    assert.equal(applied.discounts[0].code, 'ten-off');
    assert.equal(applied.totals.discounts, 200);
    assert.equal(applied.totals.grandTotal, 2000 - 200 + 495);

    const before = await storedCart(rig, id);
    const refused = await rig.request('POST', `${CARTS}/${id}/coupons`, { ...asGuest(token), body: { code: 'OLD50' } });
    assert.equal(refused.statusCode, 422, refused.body);
    assert.equal(refused.json().code, 'coupon-not-applicable');
    assert.equal(refused.json().errors[0].pointer, 'body/code');
    assert.match(refused.json().errors[0].detail, /expired/);
    const unknown = await rig.request('POST', `${CARTS}/${id}/coupons`, { ...asGuest(token), body: { code: 'NOSUCH' } });
    assert.equal(unknown.statusCode, 422);
    assert.deepEqual(await storedCart(rig, id), before);

    const removed = await ok(rig, 'DELETE', `${CARTS}/${id}/coupons/SAVE10`, asGuest(token));
    assert.deepEqual(removed.coupons, []);
    assert.equal(removed.totals.discounts, 0);
  });

  it('expires inactive carts: guest carts after days, customer carts later', async () => {
    const { id, token } = await guestCart();
    const customer = await ok(rig, 'GET', `${CARTS}/mine`, { token: tokens.vip });
    const db = rig.cart.context.db as any;
    await db.updateTable('carts').set({ last_active_at: new Date(Date.now() - 8 * DAY) }).where('id', 'in', [id, customer.id]).execute();
    assert.equal((await rig.request('GET', `${CARTS}/${id}`, asGuest(token))).statusCode, 404, 'past expiry reads as gone before the sweep');
    assert.equal((await ok(rig, 'GET', `${CARTS}/mine`, { token: tokens.vip })).id, customer.id, 'a customer cart lives longer');
    await expireInactiveCarts(db, 7, 90);
    assert.equal((await storedCart(rig, id)).status, 'expired');
    assert.equal((await storedCart(rig, customer.id)).status, 'open');

    await db.updateTable('carts').set({ last_active_at: new Date(Date.now() - 91 * DAY) }).where('id', '=', customer.id).execute();
    assert.equal((await rig.request('GET', `${CARTS}/mine`, { token: tokens.vip })).statusCode, 404);
    const fresh = await ok(rig, 'POST', CARTS, { token: tokens.vip, body: { currency: 'EUR' } }, 201);
    assert.notEqual(fresh.id, customer.id, 'an expired customer cart does not block a new one');
    assert.equal((await storedCart(rig, customer.id)).status, 'expired');
  });
});
