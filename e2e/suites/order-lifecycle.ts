import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { eventually, type TestPlatform, type TopologyKind } from '@mercato/testing';
import { ADMIN, assertProblem, call, login, setUpEuroTaxAndShipping } from '../support.ts';

const APPROVE = { number: '4242424242424242', expMonth: 12, expYear: 2030, cvc: '123' };
const DECLINE = { number: '4000000000000002', expMonth: 12, expYear: 2030, cvc: '123' };
const ADDRESS = { name: 'Erika Mustermann', line1: 'Heidestraße 17', postalCode: '51147', city: 'Köln', country: 'DE' };
const UNIT_PRICE = 2500;

/**
 * The order lifecycle through the gateway: a customer checks out a cart with the approve card, staff
 * moves the order through approval, preparation, shipment and delivery, and the customer sees each
 * state and receives the emails. A declined card leaves no order behind.
 */
export function orderLifecycleSuite(kind: TopologyKind, getPlatform: () => TestPlatform): void {
  describe(`order lifecycle through the gateway (${kind})`, () => {
    let base: string;
    let admin: string;
    let sku: string;
    before(async () => {
      base = getPlatform().url;
      admin = await login(base, ADMIN.email, ADMIN.password);
      sku = await sellableSku(base, admin, kind);
    });

    const available = async () => (await call(base, 'GET', `/api/inventory/availability?sku=${sku}`)).body.items[0].available as number;

    async function customerWithCart(name: string, quantity: number) {
      const email = `${name}-${kind}@example.com`;
      assert.equal((await call(base, 'POST', '/api/identity/accounts', { body: { email, password: 'correct horse battery', name } })).status, 201);
      const token = await login(base, email, 'correct horse battery');
      const cart = await call(base, 'POST', '/api/cart/carts', { token, body: { currency: 'EUR', shipping: { country: 'DE', method: 'standard' } } });
      assert.equal(cart.status, 201, JSON.stringify(cart.body));
      const filled = await call(base, 'POST', `/api/cart/carts/${cart.body.id}/lines`, { token, body: { sku, quantity } });
      assert.equal(filled.status, 200, JSON.stringify(filled.body));
      return { email, token, cartId: cart.body.id as string, totals: filled.body.totals };
    }

    it('cart → checkout (approve) → placed → approved → prepared → shipped and paid → delivered, seen by the customer, with emails', async () => {
      const stockBefore = await available();
      const buyer = await customerWithCart('lifecycle', 2);
      const checkout = await call(base, 'POST', '/api/checkout/checkouts', {
        token: buyer.token,
        headers: { 'idempotency-key': `lifecycle-${kind}` },
        body: { cartId: buyer.cartId, shippingAddress: ADDRESS, payment: { card: APPROVE } },
      });
      assert.equal(checkout.status, 201, JSON.stringify(checkout.body));
      assert.equal(checkout.body.status, 'completed');
      const orderId = checkout.body.orderId as string;
      assert.equal(await available(), stockBefore - 2, 'the order took two units');

      const seen = async (status: string, paymentStatus: string) => {
        const order = await call(base, 'GET', `/api/orders/orders/${orderId}`, { token: buyer.token });
        assert.equal(order.status, 200, JSON.stringify(order.body));
        assert.deepEqual([order.body.status, order.body.paymentStatus], [status, paymentStatus]);
        return order.body;
      };
      const placed = await seen('placed', 'authorized');
      assert.equal(placed.totals.grandTotal, buyer.totals.grandTotal);
      assert.equal(placed.email, buyer.email);
      const mine = await call(base, 'GET', '/api/orders/me/orders', { token: buyer.token });
      assert.deepEqual(mine.body.items.map((o: { id: string }) => o.id), [orderId]);

      const staff = (action: string, body: unknown = {}) => call(base, 'POST', `/api/orders/orders/${orderId}/${action}`, { token: admin, body });
      assertProblem(await staff('ship', { carrier: 'DHL', trackingNumber: 'JJD000390007' }), 409, 'invalid-transition');
      assert.equal((await staff('approve')).status, 200);
      await seen('approved', 'authorized');
      assert.equal((await staff('prepare')).status, 200);
      await seen('prepared', 'authorized');
      const shipped = await staff('ship', { carrier: 'DHL', trackingNumber: 'JJD000390007' });
      assert.equal(shipped.status, 200, JSON.stringify(shipped.body));
      const inTransit = await seen('shipped', 'paid');
      assert.equal(inTransit.tracking.trackingNumber, 'JJD000390007');
      assert.equal((await staff('deliver')).status, 200);
      await seen('delivered', 'paid');
      assertProblem(await call(base, 'POST', `/api/orders/orders/${orderId}/approve`, { token: buyer.token, body: {} }), 403, 'forbidden');

      let deliveries: Array<{ id: string; kind: string; status: string }> = [];
      await eventually(async () => {
        const answer = await call(base, 'GET', '/api/notifications/me/deliveries', { token: buyer.token });
        deliveries = answer.body.items.filter((d: { status: string }) => d.status === 'sent');
        return deliveries.length >= 2;
      });
      assert.deepEqual(deliveries.map((d) => d.kind).sort(), ['order-confirmation', 'order-shipped']);
      const shippedMail = deliveries.find((d) => d.kind === 'order-shipped')!;
      const message = await fetch(`${base}/api/notifications/deliveries/${shippedMail.id}/message`, { headers: { authorization: `Bearer ${admin}` } });
      assert.equal(message.status, 200);
      const eml = await message.text();
      assert.match(eml, /JJD000390007/);
      assert.match(eml, new RegExp(`To: .*${buyer.email}`));

      const reconciliation = await call(base, 'GET', `/api/payments/reconciliation`, { token: admin });
      assert.equal(reconciliation.status, 200, JSON.stringify(reconciliation.body));
      assert.equal(reconciliation.body.balanced, true);
      const money = reconciliation.body.orders.find((o: { orderId: string }) => o.orderId === orderId);
      assert.equal(money.captured, placed.totals.grandTotal);
    });

    it('a declined card leaves no order, and the stock and the cart as they were', async () => {
      const stockBefore = await available();
      const buyer = await customerWithCart('declined', 1);
      const declined = await call(base, 'POST', '/api/checkout/checkouts', {
        token: buyer.token,
        headers: { 'idempotency-key': `declined-${kind}` },
        body: { cartId: buyer.cartId, shippingAddress: ADDRESS, payment: { card: DECLINE } },
      });
      assertProblem(declined, 402, 'payment-declined');
      assert.equal(await available(), stockBefore, 'the reservation was released');
      assert.deepEqual((await call(base, 'GET', '/api/orders/me/orders', { token: buyer.token })).body.items, []);
      const cart = await call(base, 'GET', `/api/cart/carts/${buyer.cartId}`, { token: buyer.token });
      assert.equal(cart.status, 200);
      assert.deepEqual(cart.body.lines.map((l: { sku: string; quantity: number }) => [l.sku, l.quantity]), [[sku, 1]]);
      const edited = await call(base, 'POST', `/api/cart/carts/${buyer.cartId}/lines`, { token: buyer.token, body: { sku, quantity: 1 } });
      assert.equal(edited.status, 200, 'the cart is open again');
    });
  });
}

/** Prices one seeded SKU (EUR gross, 19 % VAT, flat shipping) and stocks `units` of it. */
export async function sellableSku(base: string, admin: string, kind: string, units = 20): Promise<string> {
  await setUpEuroTaxAndShipping(base, admin);
  const products = await call(base, 'GET', '/api/catalog/products?limit=3');
  const sku = products.body.items[2].variants[0].sku as string;
  const list = await call(base, 'POST', '/api/pricing/price-lists', { token: admin, body: { code: `e2e-orders-${kind}`, name: 'Orders e2e', kind: 'base', currency: 'EUR' } });
  assert.equal(list.status, 201, JSON.stringify(list.body));
  await eventually(async () => (await call(base, 'PUT', `/api/pricing/price-lists/${list.body.id}/prices`, { token: admin, body: { items: [{ sku, tiers: [{ minQuantity: 1, amount: UNIT_PRICE }] }] } })).status === 200);
  const warehouse = await call(base, 'POST', '/api/inventory/warehouses', { token: admin, body: { code: 'E2E-ORDERS', name: 'Orders e2e' } });
  assert.equal(warehouse.status, 201, JSON.stringify(warehouse.body));
  await eventually(async () => (await call(base, 'POST', '/api/inventory/receipts', { token: admin, body: { warehouse: 'E2E-ORDERS', reason: 'e2e stock', lines: [{ sku, quantity: units }] } })).status === 201);
  return sku;
}
