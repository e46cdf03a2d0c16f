import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eventually, startPlatform, type TestPlatform } from '@mercato/testing';
import { ADMIN, call, login, type Answer } from './support.ts';
import { sellableSku } from './suites/order-lifecycle.ts';

const APPROVE = { number: '4242424242424242' };
const DECLINE = { number: '4000000000000002' };
const ADDRESS = { name: 'Crash Test', line1: 'Kastanienallee 3', postalCode: '10435', city: 'Berlin', country: 'DE' };
/** Every step and compensation of the saga, as CHECKOUT_CRASH_AFTER names them. */
const FORWARD = ['validate', 'reserve', 'price', 'authorize', 'place', 'confirm'];
/**
 * The card number is never stored, so a saga that lost its process before authorizing cannot pay
 * on its own: it is rolled back. From `authorize` on it completes.
 */
const COMPLETES_AFTER = new Set(['authorize', 'place', 'confirm']);
const BACKWARD = ['void', 'release-redemptions', 'release-reservation', 'release-cart'];
const STOCK = 100;

interface Saga {
  crashAfter: string;
  card: typeof APPROVE;
  cartId: string;
  cartToken: string;
  key: string;
  final?: Answer;
}

/**
 * The checkout process is SIGKILLed right after each saga step (and each compensation) in turn.
 * Restarted, it finishes every saga: the approved ones as orders, the declined ones fully rolled
 * back. Then nothing is left over: stock equals what the orders took, every authorization belongs to
 * an order, the money ledger balances and matches the orders' totals.
 */
describe('processes: the checkout process killed at every saga step', () => {
  let platform: TestPlatform;
  let admin: string;
  let sku: string;
  before(async () => {
    // A deadline far beyond a restart on a busy machine: what ends each saga here is recovery, not the clock.
    platform = await startPlatform('processes', {
      seed: true,
      env: { CHECKOUT_LEASE_MS: '6000', CHECKOUT_STEP_TIMEOUT_MS: '3000', CHECKOUT_RECOVERY_MS: '200', CHECKOUT_DEADLINE_MS: '180000' },
    });
    admin = await login(platform.url, ADMIN.email, ADMIN.password);
    sku = await sellableSku(platform.url, admin, 'crash', STOCK);
  });
  after(() => platform?.stop());

  const base = () => platform.url;
  const available = async () => (await call(base(), 'GET', `/api/inventory/availability?sku=${sku}`)).body.items[0].available as number;
  const checkOut = (saga: Saga) =>
    call(base(), 'POST', '/api/checkout/checkouts', {
      headers: { 'cart-token': saga.cartToken, 'idempotency-key': saga.key },
      body: { cartId: saga.cartId, email: 'crash@example.com', shippingAddress: ADDRESS, payment: { card: saga.card } },
    }).catch((error: Error) => ({ status: 0, headers: new Headers(), body: error.message }));

  async function guestCart(): Promise<{ id: string; token: string }> {
    // Right after the start, the cart's breaker towards pricing may still be open from pricing's own start.
    let cart: Answer = { status: 0, headers: new Headers(), body: null };
    await eventually(async () => {
      cart = await call(base(), 'POST', '/api/cart/carts', { body: { currency: 'EUR', shipping: { country: 'DE', method: 'standard' } } });
      return cart.status === 201;
    }, 20_000, 250);
    const line = await call(base(), 'POST', `/api/cart/carts/${cart.body.id}/lines`, { headers: { 'cart-token': cart.body.token }, body: { sku, quantity: 1 } });
    assert.equal(line.status, 200, JSON.stringify(line.body));
    return cart.body;
  }

  it('ends every saga complete or compensated, with no orphan reservation or authorization and a balanced ledger', async () => {
    const processes = platform.processes!;
    const checkoutReplica = () => processes.replicas.find((r) => r.service === 'checkout')!;
    const sagas: Saga[] = [];
    const plan = [...FORWARD.map((step) => ({ step, card: APPROVE })), ...BACKWARD.map((step) => ({ step, card: DECLINE }))];
    for (const { step, card } of plan) {
      const cart = await guestCart();
      const saga: Saga = { crashAfter: step, card, cartId: cart.id, cartToken: cart.token, key: `crash-${step}` };
      sagas.push(saga);
      await processes.restart('checkout', 0, { CHECKOUT_CRASH_AFTER: step });
      const lost = await checkOut(saga);
      assert.ok(lost.status === 0 || lost.status >= 500, `the checkout died after ${step} instead of answering: ${lost.status} ${JSON.stringify(lost.body)}`);
      await eventually(async () => checkoutReplica().exited, 10_000);
      await processes.restart('checkout', 0);
      // The restarted process resumes the saga on its own; asking again with the same key joins it.
      await eventually(async () => {
        const answer = await checkOut(saga);
        if (answer.status === 201 && answer.body.status === 'processing') return false;
        if (answer.status === 409 && answer.body.code === 'idempotency-key-in-use') return false;
        // The gateway itself may not reach checkout yet (its breaker opened while checkout was down).
        if (answer.status === 0 || answer.body?.code === 'upstream-unavailable') return false;
        saga.final = answer;
        return true;
      }, 30_000, 250);
    }

    const orders: Array<{ orderId: string; grandTotal: number }> = [];
    for (const saga of sagas) {
      const { status, body } = saga.final!;
      if (saga.card === APPROVE && COMPLETES_AFTER.has(saga.crashAfter)) {
        assert.equal(status, 201, `${saga.crashAfter}: ${JSON.stringify(body)}`);
        assert.equal(body.status, 'completed', saga.crashAfter);
        const order = await call(base(), 'GET', `/api/orders/orders/${body.orderId}`, { token: admin });
        assert.equal(order.status, 200, `${saga.crashAfter}: the order exists`);
        assert.deepEqual([order.body.status, order.body.paymentStatus], ['placed', 'authorized']);
        orders.push({ orderId: body.orderId, grandTotal: order.body.totals.grandTotal });
      } else {
        const expected = saga.card === APPROVE ? [503, 'checkout-interrupted'] : [402, 'payment-declined'];
        assert.deepEqual([status, body.code], expected, `${saga.crashAfter}: ${JSON.stringify(body)}`);
        const cart = await call(base(), 'GET', `/api/cart/carts/${saga.cartId}`, { headers: { 'cart-token': saga.cartToken } });
        assert.equal(cart.body.status, 'open', `${saga.crashAfter}: the cart is open again`);
      }
    }

    assert.equal(await available(), STOCK - orders.length, 'stock left = stock − units ordered: no reservation was orphaned');
    const board = await call(base(), 'GET', '/api/orders/orders?limit=100', { token: admin });
    assert.equal(board.body.items.length, orders.length, 'one order per approved saga, none for the declined ones');

    const reconciliation = await call(base(), 'GET', '/api/payments/reconciliation', { token: admin });
    assert.equal(reconciliation.status, 200, JSON.stringify(reconciliation.body));
    assert.equal(reconciliation.body.balanced, true);
    const intents = await call(base(), 'GET', '/api/payments/intents?limit=100', { token: admin });
    const authorized = intents.body.items.filter((i: { status: string }) => i.status === 'authorized');
    assert.deepEqual(authorized.map((i: { orderId: string }) => i.orderId).sort(), orders.map((o) => o.orderId).sort(), 'every live authorization belongs to an order');
    for (const order of orders) {
      const money = reconciliation.body.orders.find((o: { orderId: string }) => o.orderId === order.orderId);
      assert.equal(money?.authorized, order.grandTotal, `the ledger holds the order's total for ${order.orderId}`);
    }
  });
});
