import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql, type Kysely } from 'kysely';
import { available, CARDS, checkoutBody, guestCart, intentsOf, setUpShop, startCheckoutRig, type CheckoutRig } from './helpers.ts';

describe('checkout deadline: a payment still pending at the deadline', () => {
  let rig: CheckoutRig;
  before(async () => {
    // The approving webhook comes long after the checkout's deadline.
    rig = await startCheckoutRig({ PAYMENTS_TEST_WEBHOOK_DELAY_MS: '4000', CHECKOUT_DEADLINE_MS: '1000', CHECKOUT_POLL_MS: '50' });
    await setUpShop(rig, 10, 100);
  });
  after(() => rig?.stop());

  it('is voided and the checkout rolled back: 504 payment-timeout, stock and cart as they were', async () => {
    const cart = await guestCart(rig, [{ sku: 'TEE', quantity: 1 }]);
    const started = Date.now();
    const response = await rig.request('checkout', 'POST', '/api/checkout/checkouts', {
      headers: { 'idempotency-key': randomUUID(), 'cart-token': cart.token },
      body: checkoutBody(cart.id, CARDS.pending),
    });
    assert.equal(response.statusCode, 504, response.body);
    assert.equal(response.json().code, 'payment-timeout');
    assert.ok(Date.now() - started < 4000, 'did not wait for the webhook');
    const [intent] = await intentsOf(rig, response.json().checkoutId);
    assert.equal(intent.status, 'voided');
    assert.equal(await available(rig, 'TEE'), 10);
    const db = rig.services.cart!.context.db as Kysely<any>;
    assert.equal((await sql<any>`select status from carts where id = ${cart.id}`.execute(db)).rows[0].status, 'open');
  });
});
