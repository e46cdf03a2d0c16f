import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql, type Kysely } from 'kysely';
import { available, CARDS, checkoutBody, couponUses, customerCart, guestCart, intentsOf, ok, setUpShop, startCheckoutRig, type CheckoutRig } from './helpers.ts';

const CHECKOUTS = '/api/checkout/checkouts';

describe('checkout saga: cart → reserve → price → authorize → place → confirm, with the real services', () => {
  let rig: CheckoutRig;
  let promotionId: string;

  before(async () => {
    rig = await startCheckoutRig({ PAYMENTS_PROVIDER_TIMEOUT_MS: '300', PAYMENTS_TEST_TIMEOUT_SLEEP_MS: '900' });
    ({ promotionId } = await setUpShop(rig, 10, 100));
  });
  after(() => rig?.stop());

  const post = (body: unknown, auth: { token?: string; cartToken?: string }, key: string | null = randomUUID()) =>
    rig.request('checkout', 'POST', CHECKOUTS, {
      ...(auth.token ? { token: auth.token } : {}),
      headers: { ...(key ? { 'idempotency-key': key } : {}), ...(auth.cartToken ? { 'cart-token': auth.cartToken } : {}) },
      body,
    });
  const db = (service: string) => rig.services[service]!.context.db as Kysely<any>;
  const storedCart = async (id: string) => (await sql<any>`select status, lines, coupons, checkout_id, order_id from carts where id = ${id}`.execute(db('cart'))).rows[0];
  const orderCount = async () => Number((await sql<{ n: string }>`select count(distinct order_id) as n from order_events`.execute(db('orders'))).rows[0]!.n);
  const outbox = async (type: string, subject: string) => (await sql<any>`select envelope from kit_outbox where type = ${type} and subject = ${subject}`.execute(db('checkout'))).rows;

  it('completes a customer checkout: order placed and authorized, stock and coupon committed, cart ordered', async () => {
    const token = await rig.issuer.mint({ sub: 'acct_ada', roles: ['customer'] });
    const cart = await customerCart(rig, token, [{ sku: 'TEE', quantity: 2 }, { sku: 'MUG', quantity: 1 }], ['SAVE10']);
    const usesBefore = await couponUses(rig, promotionId, 'SAVE10');
    const key = randomUUID();

    const response = await post(checkoutBody(cart.id, CARDS.approve), { token }, key);
    assert.equal(response.statusCode, 201, response.body);
    const done = response.json();
    assert.equal(done.status, 'completed');
    assert.equal(done.step, 'done');
    assert.match(done.orderId, /^ord_/);
    assert.equal(done.failure, null);
    // 5000 − 10 % + 4.95 shipping; 19 % tax is included (gross).
    assert.deepEqual(done.totals, { subtotal: 5000, discountTotal: 500, taxTotal: done.totals.taxTotal, shippingTotal: 495, grandTotal: 4995 });
    assert.deepEqual(done.payment.card, { brand: 'visa', last4: '4242' });
    assert.equal(response.headers.location, `${CHECKOUTS}/${done.id}`);

    const order = await ok(rig, 'orders', 'GET', `/api/orders/orders/${done.orderId}`, { token: rig.staff.orders });
    assert.equal(order.status, 'placed');
    assert.equal(order.paymentStatus, 'authorized');
    assert.equal(order.checkoutId, done.id);
    assert.equal(order.totals.grandTotal, 4995);
    assert.deepEqual(order.coupons, ['SAVE10']);

    const [intent, ...more] = await intentsOf(rig, done.id);
    assert.equal(more.length, 0);
    assert.equal(intent.status, 'authorized');
    assert.equal(intent.amount, 4995);
    assert.equal(intent.orderId, done.orderId);

    const row = (await sql<any>`select data from checkouts where id = ${done.id}`.execute(db('checkout'))).rows[0].data;
    const reservation = await ok(rig, 'inventory', 'GET', `/api/inventory/reservations/${row.reservationId}`, { token: rig.staff.inventory });
    assert.equal(reservation.status, 'committed');
    assert.equal(reservation.reference, done.id);
    assert.equal(await available(rig, 'TEE'), 8);
    const sku = await ok(rig, 'inventory', 'GET', '/api/inventory/skus/TEE', { token: rig.staff.inventory });
    assert.equal(sku.onHand, 8, 'committed units left the shelf');

    assert.equal(row.redemptions.length, 1);
    const redemption = await ok(rig, 'pricing', 'GET', `/api/pricing/coupons/redemptions/${row.redemptions[0].id}`, { token: rig.staff.pricing });
    assert.equal(redemption.status, 'committed');
    assert.equal(redemption.reference, done.id);
    assert.equal(await couponUses(rig, promotionId, 'SAVE10'), usesBefore + 1);

    const stored = await storedCart(cart.id);
    assert.equal(stored.status, 'ordered');
    assert.equal(stored.order_id, done.orderId);
    assert.equal((await rig.request('cart', 'GET', '/api/cart/carts/mine', { token })).statusCode, 404);

    const events = await outbox('mercato.checkout.checkout.completed.v1', done.id);
    assert.equal(events.length, 1);
    assert.equal(events[0].envelope.data.orderId, done.orderId);

    const replay = await post(checkoutBody(cart.id, CARDS.approve), { token }, key);
    assert.equal(replay.statusCode, 201);
    assert.equal(replay.headers['idempotent-replayed'], 'true');
    assert.equal(replay.json().id, done.id);

    assert.equal((await ok(rig, 'checkout', 'GET', `${CHECKOUTS}/${done.id}`, { token })).status, 'completed', 'the owner reads it');
    assert.deepEqual((await ok(rig, 'checkout', 'GET', `${CHECKOUTS}?idempotencyKey=${key}`, { token })).items.map((c: any) => c.id), [done.id], 'found by its key');
    assert.deepEqual((await ok(rig, 'checkout', 'GET', `${CHECKOUTS}?idempotencyKey=${key}`, { token: await rig.issuer.mint({ sub: 'acct_eve', roles: ['customer'] }) })).items, [], 'only by its owner');
    assert.equal((await ok(rig, 'checkout', 'GET', `${CHECKOUTS}/${done.id}`, { token: rig.staff.orders })).orderId, done.orderId, 'staff read it');
    const stranger = await rig.issuer.mint({ sub: 'acct_other', roles: ['customer'] });
    assert.equal((await rig.request('checkout', 'GET', `${CHECKOUTS}/${done.id}`, { token: stranger })).statusCode, 404);
    assert.equal((await rig.request('checkout', 'GET', `${CHECKOUTS}/${done.id}`)).statusCode, 404);
  });

  it('needs an Idempotency-Key (428), a buyer and valid input; nothing starts', async () => {
    const cart = await guestCart(rig, [{ sku: 'MUG', quantity: 1 }]);
    const noKey = await post(checkoutBody(cart.id, CARDS.approve), { cartToken: cart.token }, null);
    assert.equal(noKey.statusCode, 428, noKey.body);
    assert.match(String(noKey.headers['content-type']), /application\/problem\+json/);
    assert.equal(noKey.json().code, 'idempotency-key-required');
    const nobody = await post(checkoutBody(cart.id, CARDS.approve), {});
    assert.equal(nobody.statusCode, 401);
    const noEmail = await post({ ...checkoutBody(cart.id, CARDS.approve), email: undefined }, { cartToken: cart.token });
    assert.equal(noEmail.statusCode, 422);
    assert.equal(noEmail.json().code, 'email-required');
    const badCard = await post(checkoutBody(cart.id, '42'), { cartToken: cart.token });
    assert.equal(badCard.statusCode, 400);
    assert.equal(badCard.json().code, 'validation-failed');
    assert.equal((await storedCart(cart.id)).status, 'open');
    assert.equal(Number((await sql<{ n: string }>`select count(*) as n from checkouts where cart_id = ${cart.id}`.execute(db('checkout'))).rows[0]!.n), 0);

    const wrongToken = await post(checkoutBody(cart.id, CARDS.approve), { cartToken: 'x'.repeat(43) });
    assert.equal(wrongToken.statusCode, 404, 'someone else’s cart');
    assert.equal(wrongToken.json().code, 'cart-not-found');
    assert.match(wrongToken.json().checkoutId, /^chk_/);
    assert.equal((await storedCart(cart.id)).status, 'open');
  });

  it('ten concurrent requests with one Idempotency-Key make one checkout, one order and one authorization', async () => {
    const cart = await guestCart(rig, [{ sku: 'MUG', quantity: 2 }]);
    const key = randomUUID();
    const ordersBefore = await orderCount();
    const responses = await Promise.all(Array.from({ length: 10 }, () => post(checkoutBody(cart.id, CARDS.approve), { cartToken: cart.token }, key)));
    const statuses = responses.map((r) => r.statusCode);
    assert.ok(statuses.every((s) => s === 201 || s === 409), `only the checkout or "still processing": ${statuses}`);
    for (const r of responses.filter((r) => r.statusCode === 409)) assert.equal(r.json().code, 'idempotency-key-in-use');
    const ids = new Set(responses.filter((r) => r.statusCode === 201).map((r) => r.json().id));
    assert.ok(ids.size <= 1, 'every answered request names the same checkout');

    const final = await post(checkoutBody(cart.id, CARDS.approve), { cartToken: cart.token }, key);
    assert.equal(final.statusCode, 201, final.body);
    const checkout = final.json();
    assert.equal(checkout.status, 'completed');
    if (ids.size === 1) assert.ok(ids.has(checkout.id));
    assert.equal(await orderCount(), ordersBefore + 1, 'exactly one order');
    assert.equal((await intentsOf(rig, checkout.id)).length, 1, 'exactly one payment intent');
    assert.equal(Number((await sql<{ n: string }>`select count(*) as n from checkouts where cart_id = ${cart.id}`.execute(db('checkout'))).rows[0]!.n), 1);
  });

  for (const [card, status, code] of [['decline', 402, 'payment-declined'], ['timeout', 504, 'payment-timeout']] as const) {
    it(`${card} card: ${status} ${code}; no order; stock, coupon use and the cart as they were`, async () => {
      const cart = await guestCart(rig, [{ sku: 'TEE', quantity: 3 }, { sku: 'MUG', quantity: 1 }], ['SAVE10']);
      const before = { tee: await available(rig, 'TEE'), mug: await available(rig, 'MUG'), uses: await couponUses(rig, promotionId, 'SAVE10'), cart: await storedCart(cart.id), orders: await orderCount() };

      const key = randomUUID();
      const response = await post(checkoutBody(cart.id, CARDS[card]), { cartToken: cart.token }, key);
      assert.equal(response.statusCode, status, response.body);
      assert.match(String(response.headers['content-type']), /application\/problem\+json/);
      const problem = response.json();
      assert.equal(problem.code, code);
      assert.match(problem.checkoutId, /^chk_/);

      assert.equal(await orderCount(), before.orders, 'no order');
      assert.equal(await available(rig, 'TEE'), before.tee, 'stock back');
      assert.equal(await available(rig, 'MUG'), before.mug);
      assert.equal(await couponUses(rig, promotionId, 'SAVE10'), before.uses, 'coupon use restored');
      const row = (await sql<any>`select status, step, data from checkouts where id = ${problem.checkoutId}`.execute(db('checkout'))).rows[0];
      assert.equal(row.status, 'failed');
      assert.equal(row.step, 'done');
      const reservation = await ok(rig, 'inventory', 'GET', `/api/inventory/reservations/${row.data.reservationId}`, { token: rig.staff.inventory });
      assert.equal(reservation.status, 'released');
      for (const r of row.data.redemptions) assert.equal((await ok(rig, 'pricing', 'GET', `/api/pricing/coupons/redemptions/${r.id}`, { token: rig.staff.pricing })).status, 'released');
      const intents = await intentsOf(rig, problem.checkoutId);
      assert.equal(intents.length, 1);
      assert.ok(['declined', 'failed', 'voided'].includes(intents[0].status), intents[0].status);

      const after = await storedCart(cart.id);
      assert.equal(after.status, 'open');
      assert.equal(after.checkout_id, null);
      assert.deepEqual(after.lines, before.cart.lines);
      assert.deepEqual(after.coupons, before.cart.coupons);
      const edited = await ok(rig, 'cart', 'POST', `/api/cart/carts/${cart.id}/lines`, { headers: { 'cart-token': cart.token }, body: { sku: 'MUG', quantity: 1 } });
      assert.equal(edited.status, 'open', 'editable again');
      assert.equal((await outbox('mercato.checkout.checkout.failed.v1', problem.checkoutId)).length, 1);
      // A 5xx frees the kit's Idempotency-Key record: the retry reaches the service and joins the same checkout.
      const retry = await post(checkoutBody(cart.id, CARDS[card]), { cartToken: cart.token }, key);
      assert.equal(retry.statusCode, status);
      assert.equal(retry.json().checkoutId, problem.checkoutId, 'the same checkout answers');
      assert.equal((await intentsOf(rig, problem.checkoutId)).length, 1, 'no second authorization');
      const view = await ok(rig, 'checkout', 'GET', `${CHECKOUTS}/${problem.checkoutId}`, { headers: { 'cart-token': cart.token } });
      assert.equal(view.status, 'failed');
      assert.equal(view.failure.code, code);
    });
  }

  it('out of stock: 409 insufficient-stock naming the SKUs; the cart stays open', async () => {
    const cart = await guestCart(rig, [{ sku: 'TEE', quantity: 50 }, { sku: 'MUG', quantity: 1 }]);
    const before = await available(rig, 'MUG');
    const response = await post(checkoutBody(cart.id, CARDS.approve), { cartToken: cart.token });
    assert.equal(response.statusCode, 409, response.body);
    assert.equal(response.json().code, 'insufficient-stock');
    assert.deepEqual(response.json().skus, ['TEE']);
    assert.deepEqual(response.json().errors.map((e: any) => e.pointer), ['cart/lines/0/quantity']);
    assert.match(response.json().detail, /^cart\/lines\/0\/quantity: 50 requested, \d+ available/);
    assert.equal(await available(rig, 'MUG'), before);
    assert.equal((await storedCart(cart.id)).status, 'open');
    assert.deepEqual(await intentsOf(rig, response.json().checkoutId), [], 'no payment was tried');
  });

  it('a pending payment is awaited until the webhook approves it', async () => {
    const cart = await guestCart(rig, [{ sku: 'MUG', quantity: 1 }]);
    const response = await post(checkoutBody(cart.id, CARDS.pending), { cartToken: cart.token });
    assert.equal(response.statusCode, 201, response.body);
    assert.equal(response.json().status, 'completed');
    assert.equal((await intentsOf(rig, response.json().id))[0].status, 'authorized');
  });
});
