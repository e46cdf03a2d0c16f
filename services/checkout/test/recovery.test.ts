import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql, type Kysely } from 'kysely';
import { available, CARDS, checkoutBody, couponUses, guestCart, intentsOf, ok, setUpShop, startCheckoutRig, type CheckoutRig } from './helpers.ts';

const CHECKOUTS = '/api/checkout/checkouts';

/**
 * CHECKOUT_CRASH_MODE=abandon stops the instance driving the saga right after the named step was
 * committed, without releasing its lease — what a crashed process leaves behind. The recovery loop
 * must take the saga over once the lease has run out and finish it or roll it back completely.
 */
function abandonedAfter(step: string) {
  return {
    CHECKOUT_CRASH_AFTER: step,
    CHECKOUT_CRASH_MODE: 'abandon',
    CHECKOUT_STEP_TIMEOUT_MS: '500',
    CHECKOUT_LEASE_MS: '1200',
    CHECKOUT_RECOVERY_MS: '100',
  };
}

async function scenario(step: string, run: (rig: CheckoutRig, promotionId: string) => Promise<void>) {
  describe(`a saga abandoned after ${step}`, () => {
    let rig: CheckoutRig;
    let promotionId: string;
    before(async () => {
      rig = await startCheckoutRig(abandonedAfter(step));
      ({ promotionId } = await setUpShop(rig, 10, 100));
    });
    after(() => rig?.stop());
    it('is resumed by the recovery loop after its lease runs out', () => run(rig, promotionId));
  });
}

const db = (rig: CheckoutRig, service: string) => rig.services[service]!.context.db as Kysely<any>;
const row = async (rig: CheckoutRig, id: string) => (await sql<any>`select status, step, data, lease_owner from checkouts where id = ${id}`.execute(db(rig, 'checkout'))).rows[0];
const storedCart = async (rig: CheckoutRig, id: string) => (await sql<any>`select status, lines, coupons from carts where id = ${id}`.execute(db(rig, 'cart'))).rows[0];
const post = (rig: CheckoutRig, cart: { id: string; token: string }, card: string) =>
  rig.request('checkout', 'POST', CHECKOUTS, { headers: { 'idempotency-key': randomUUID(), 'cart-token': cart.token }, body: checkoutBody(cart.id, card) });

await scenario('authorize', async (rig, promotionId) => {
  const cart = await guestCart(rig, [{ sku: 'TEE', quantity: 2 }], ['SAVE10']);
  const started = Date.now();
  const response = await post(rig, cart, CARDS.approve);
  assert.equal(response.statusCode, 201, response.body);
  const done = response.json();
  assert.equal(done.status, 'completed', 'the request waited for the resumed saga');
  assert.ok(Date.now() - started >= 1000, 'not before the lease ran out');
  const order = await ok(rig, 'orders', 'GET', `/api/orders/orders/${done.orderId}`, { token: rig.staff.orders });
  assert.equal(order.paymentStatus, 'authorized');
  assert.equal((await intentsOf(rig, done.id)).length, 1, 'authorized once: the resumed saga did not authorize again');
  const data = (await row(rig, done.id)).data;
  assert.equal((await ok(rig, 'inventory', 'GET', `/api/inventory/reservations/${data.reservationId}`, { token: rig.staff.inventory })).status, 'committed');
  assert.equal(await available(rig, 'TEE'), 8);
  assert.equal(await couponUses(rig, promotionId, 'SAVE10'), 1);
  assert.equal((await storedCart(rig, cart.id)).status, 'ordered');
});

await scenario('reserve', async (rig, promotionId) => {
  const cart = await guestCart(rig, [{ sku: 'TEE', quantity: 2 }], ['SAVE10']);
  const before = await storedCart(rig, cart.id);
  const response = await post(rig, cart, CARDS.approve);
  // The card number lived only in the first request: the resumed saga cannot authorize, so it rolls back.
  assert.equal(response.statusCode, 503, response.body);
  const problem = response.json();
  assert.equal(problem.code, 'checkout-interrupted');
  const saved = await row(rig, problem.checkoutId);
  assert.equal(saved.status, 'failed');
  assert.equal(saved.lease_owner, null);
  assert.equal((await ok(rig, 'inventory', 'GET', `/api/inventory/reservations/${saved.data.reservationId}`, { token: rig.staff.inventory })).status, 'released');
  assert.equal(await available(rig, 'TEE'), 10, 'no orphan reservation');
  assert.equal(await couponUses(rig, promotionId, 'SAVE10'), 0, 'the redemption made by the resumed price step was released');
  assert.deepEqual(await intentsOf(rig, problem.checkoutId), [], 'no authorization');
  const after = await storedCart(rig, cart.id);
  assert.equal(after.status, 'open');
  assert.deepEqual(after.lines, before.lines);
});

await scenario('void', async (rig, promotionId) => {
  const cart = await guestCart(rig, [{ sku: 'MUG', quantity: 4 }], ['SAVE10']);
  const response = await post(rig, cart, CARDS.decline);
  assert.equal(response.statusCode, 402, response.body);
  const problem = response.json();
  assert.equal(problem.code, 'payment-declined');
  const saved = await row(rig, problem.checkoutId);
  assert.equal(saved.status, 'failed', 'the recovery loop finished the rollback');
  assert.equal(await available(rig, 'MUG'), 10);
  assert.equal(await couponUses(rig, promotionId, 'SAVE10'), 0);
  assert.equal((await storedCart(rig, cart.id)).status, 'open');
  assert.equal((await ok(rig, 'checkout', 'GET', `${CHECKOUTS}/${problem.checkoutId}`, { headers: { 'cart-token': cart.token } })).failure.code, 'payment-declined');
});
