import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadOrdersConfig } from '../src/config.ts';
import { OrderPayments } from '../src/payments/payments.ts';
import type { OrdersContext } from '../src/store/context.ts';
import { changeOrder, shipOrder } from '../src/usecases/change-order.ts';
import { assertProblem, CAPTURE_FAILS_CARD, command, intentOf, ok, placeOrder, placement, publishedEvents, startOrdersRig, type OrdersRig } from './helpers.ts';

const SHIP = { carrier: 'DHL', trackingNumber: '00340434161094042557', trackingUrl: 'https://dhl.example/track/00340434161094042557' };

describe('orders: the lifecycle against the payments service', () => {
  let rig: OrdersRig;
  before(async () => {
    rig = await startOrdersRig();
  });
  after(() => rig?.stop());

  it('places an order once per id; only services and admin may place', async () => {
    const { order, body, intent } = await placeOrder(rig, { accountId: 'acct_alice' });
    assert.equal(order.status, 'placed');
    assert.equal(order.paymentStatus, 'authorized');
    assert.match(order.number, /^M-\d{6}$/);
    assert.equal(order.version, 2, 'OrderPlaced and PaymentAuthorized');
    assert.deepEqual(order.payment, { intentId: intent.id, authorizedAmount: 2495, capturedAmount: 0, refundedAmount: 0 });

    const again = await rig.request('POST', '/api/orders/orders', { token: rig.tokens.admin, body });
    assert.equal(again.statusCode, 200);
    assert.equal(again.json().number, order.number, 'the same order, not a second one');
    const streams = await rig.db.selectFrom('order_events').select('version').where('order_id', '=', order.id).execute();
    assert.equal(streams.length, 2);

    // The checkout places as a service; a customer or order staff may not.
    assertProblem(await rig.request('POST', '/api/orders/orders', { token: rig.tokens.alice, body: placement(intent.id) }), 403, 'forbidden');
    assertProblem(await rig.request('POST', '/api/orders/orders', { token: rig.tokens.staff, body: placement(intent.id) }), 403, 'forbidden');
    const asService = await rig.request('POST', '/api/orders/orders', { headers: { 'x-mercato-caller': 'orders' }, body: placement(intent.id) });
    assert.equal(asService.statusCode, 201, asService.body);
    assertProblem(await rig.request('POST', '/api/orders/orders', { token: rig.tokens.admin, body: { ...placement(intent.id), lines: [] } }), 400, 'validation-failed');
    assertProblem(await rig.request('POST', '/api/orders/orders', { token: rig.tokens.admin, body: { ...placement(intent.id), payment: { intentId: intent.id, amount: 1 } } }), 400, 'validation-failed');

    // A saga retrying its place step while the first attempt is still running: one order.
    const { intent: racing } = await placeOrder(rig);
    const body2 = placement(racing.id);
    const answers = await Promise.all(Array.from({ length: 5 }, () => rig.request('POST', '/api/orders/orders', { token: rig.tokens.admin, body: body2 })));
    assert.deepEqual(answers.map((a) => a.statusCode).sort(), [200, 200, 200, 200, 201]);
    assert.equal(new Set(answers.map((a) => a.json().number)).size, 1);
    assert.equal((await rig.db.selectFrom('order_events').select('version').where('order_id', '=', body2.id).execute()).length, 2);
    assert.equal((await publishedEvents(rig, body2.id)).length, 1, 'one placed event');

    const [placed] = await publishedEvents(rig, order.id);
    assert.equal(placed!.type, 'mercato.orders.order.placed.v1');
    assert.equal(placed!.data.order.email, 'alice@example.com', 'notifications need the email');
    assert.equal(placed!.data.order.paymentStatus, 'authorized');
  });

  it('approve → prepare → ship (captures) → deliver → refund in part, then in full; the customer sees each state', async () => {
    const { order, intent } = await placeOrder(rig, { accountId: 'acct_alice' });
    const id = order.id;
    assert.equal((await command(rig, id, 'approve')).status, 'approved');
    assert.equal((await command(rig, id, 'prepare')).status, 'prepared');
    const shipped = await command(rig, id, 'ship', SHIP);
    assert.equal(shipped.status, 'shipped');
    assert.equal(shipped.paymentStatus, 'paid');
    assert.deepEqual(shipped.tracking, SHIP);
    assert.equal(shipped.payment.capturedAmount, 2495);
    assert.equal((await intentOf(rig, intent.id)).status, 'captured');

    const seen = await ok(rig, 'GET', `/api/orders/orders/${id}`, { token: rig.tokens.alice });
    assert.equal(seen.status, 'shipped');
    assert.equal(seen.notes, undefined, 'customers do not see staff notes');
    assert.equal((await command(rig, id, 'deliver')).status, 'delivered');

    const partial = await command(rig, id, 'refunds', { amount: 1000, reason: 'damaged item' });
    assert.equal(partial.paymentStatus, 'partially_refunded');
    assert.equal(partial.refunds[0].amount, 1000);
    assert.equal(partial.refunds[0].full, false);
    const full = await command(rig, id, 'refunds', { amount: 1495, reason: 'returned' });
    assert.equal(full.paymentStatus, 'refunded');
    assert.equal(full.payment.refundedAmount, 2495);
    const paid = await intentOf(rig, intent.id);
    assert.equal(paid.refundedAmount, 2495);
    assert.equal(paid.status, 'refunded');

    const types = (await publishedEvents(rig, id)).map((e) => e.type.replace('mercato.orders.order.', ''));
    assert.deepEqual(types, ['placed.v1', 'approved.v1', 'prepared.v1', 'shipped.v1', 'paid.v1', 'delivered.v1', 'refunded.v1', 'refunded.v1']);
    const events = await publishedEvents(rig, id);
    assert.deepEqual(events[3]!.data.tracking, SHIP);
    assert.equal(events[7]!.data.refund.full, true);
    assert.equal(events[7]!.data.order.refundedAmount, 2495);

    const history = await ok(rig, 'GET', `/api/orders/orders/${id}/history`, { token: rig.tokens.staff });
    assert.deepEqual(
      history.items.map((e: any) => e.type),
      ['OrderPlaced', 'PaymentAuthorized', 'OrderApproved', 'OrderPrepared', 'OrderShipped', 'OrderPaid', 'OrderDelivered', 'OrderRefunded', 'OrderRefunded'],
    );
    assert.equal(history.items[2].actor, 'acct_staff');
  });

  it('refuses every forbidden transition with 409 invalid-transition naming the current status, and writes nothing', async () => {
    const { order } = await placeOrder(rig);
    const id = order.id;
    const refused = async (name: string, body: unknown, status: string) => {
      const before = await rig.db.selectFrom('order_events').select('version').where('order_id', '=', id).execute();
      const problem = assertProblem(await rig.request('POST', `/api/orders/orders/${id}/${name}`, { token: rig.tokens.staff, body }), 409, 'invalid-transition');
      assert.equal(problem.status, 409);
      assert.match(problem.detail, new RegExp(status));
      const after = await rig.db.selectFrom('order_events').select('version').where('order_id', '=', id).execute();
      assert.equal(after.length, before.length, `${name} wrote no event`);
      return problem;
    };
    // Skipping steps.
    await refused('ship', SHIP, 'placed');
    await refused('prepare', {}, 'placed');
    await refused('deliver', {}, 'placed');
    await refused('refunds', { amount: 100, reason: 'x' }, 'placed');
    await command(rig, id, 'approve');
    // Doing a step twice.
    await refused('approve', {}, 'approved');
    await command(rig, id, 'prepare');
    await refused('prepare', {}, 'prepared');
    await command(rig, id, 'ship', SHIP);
    await refused('ship', SHIP, 'shipped');
    // Cancelling after shipment; changing where a shipped parcel goes.
    await refused('cancel', { reason: 'too late' }, 'shipped');
    const moved = await rig.request('PUT', `/api/orders/orders/${id}/addresses`, { token: rig.tokens.staff, body: { shippingAddress: { name: 'X', line1: 'Y 1', postalCode: '1', city: 'Z', country: 'DE' } } });
    assertProblem(moved, 409, 'invalid-transition');
    // Refunding more than was paid.
    const tooMuch = await refused('refunds', { amount: 2496, reason: 'too much' }, 'shipped');
    assert.equal(tooMuch.refundable, 2495);
    await command(rig, id, 'refunds', { amount: 2000, reason: 'part' });
    assert.equal((await refused('refunds', { amount: 496, reason: 'over the rest' }, 'shipped')).refundable, 495);
    assert.equal((await ok(rig, 'GET', `/api/payments/intents/${order.payment.intentId}`, { service: 'payments', token: rig.tokens.paymentsStaff })).refundedAmount, 2000);

    // A cancelled order takes no further step.
    const { order: other } = await placeOrder(rig);
    await command(rig, other.id, 'cancel', { reason: 'customer asked' });
    for (const name of ['approve', 'cancel']) {
      const problem = assertProblem(await rig.request('POST', `/api/orders/orders/${other.id}/${name}`, { token: rig.tokens.staff, body: { reason: 'again' } }), 409, 'invalid-transition');
      assert.equal(problem.status, 409);
      assert.match(problem.detail, /cancelled/);
    }
    assertProblem(await rig.request('POST', `/api/orders/orders/ord_nope/approve`, { token: rig.tokens.staff, body: {} }), 404, 'order-not-found');
  });

  it('cancel voids the authorization; a refund retried at the same order version never refunds twice', async () => {
    const { order, intent } = await placeOrder(rig);
    const cancelled = await command(rig, order.id, 'cancel', { reason: 'out of stock' });
    assert.equal(cancelled.status, 'cancelled');
    assert.equal(cancelled.paymentStatus, 'voided');
    assert.deepEqual(cancelled.cancellation.reason, 'out of stock');
    assert.equal((await intentOf(rig, intent.id)).status, 'voided');
    const last = (await publishedEvents(rig, order.id)).at(-1)!;
    assert.equal(last.type, 'mercato.orders.order.cancelled.v1');
    assert.equal(last.data.reason, 'out of stock');

    const { order: shipped, intent: paid } = await placeOrder(rig);
    await command(rig, shipped.id, 'approve');
    await command(rig, shipped.id, 'prepare');
    const atShipment = await command(rig, shipped.id, 'ship', SHIP);
    // The same refund sent twice at once, as a client retrying after a timeout: at most one reaches the money.
    const answers = await Promise.all([1, 2].map(() => rig.request('POST', `/api/orders/orders/${shipped.id}/refunds`, { token: rig.tokens.staff, body: { amount: 500, reason: 'retry' }, headers: { 'if-match': `"${atShipment.version}"` } })));
    const statuses = answers.map((a) => a.statusCode).sort();
    assert.ok(statuses.includes(200), `one refund succeeds: ${answers.map((a) => a.body)}`);
    const intentAfter = await intentOf(rig, paid.id);
    assert.equal(intentAfter.refundedAmount, 500, 'refunded once');
    assert.equal(intentAfter.refunds.length, 1);
    const final = await ok(rig, 'GET', `/api/orders/orders/${shipped.id}`, { token: rig.tokens.staff });
    assert.equal(final.payment.refundedAmount, 500);
    assert.equal(final.refunds.length, 1);

    // An earlier attempt reached payments with the derived key, then died before recording it: the
    // retry replays that refund instead of making a second one.
    const key = `${shipped.id}:refund:v${final.version}`;
    const earlier = await ok(rig, 'POST', `/api/payments/intents/${paid.id}/refunds`, { service: 'payments', headers: { 'x-mercato-caller': 'orders', 'idempotency-key': key }, body: { amount: 700, reason: 'crashed' } }, 201);
    const retried = await command(rig, shipped.id, 'refunds', { amount: 700, reason: 'crashed' });
    assert.equal(retried.refunds.at(-1).id, earlier.id, 'the refund payments already made');
    assert.equal(retried.payment.refundedAmount, 1200);
    const money = await intentOf(rig, paid.id);
    assert.equal(money.refundedAmount, 1200);
    assert.equal(money.refunds.length, 2);
  });

  it('a refused capture leaves the order prepared with a 402 payment-not-captured and no event', async () => {
    const { order, intent } = await placeOrder(rig, { card: CAPTURE_FAILS_CARD });
    await command(rig, order.id, 'approve');
    const prepared = await command(rig, order.id, 'prepare');
    const problem = assertProblem(await rig.request('POST', `/api/orders/orders/${order.id}/ship`, { token: rig.tokens.staff, body: SHIP }), 402, 'payment-not-captured');
    assert.match(problem.detail, /still prepared/);
    assert.equal(problem.payment.code, 'capture-failed');
    const now = await ok(rig, 'GET', `/api/orders/orders/${order.id}`, { token: rig.tokens.staff });
    assert.equal(now.status, 'prepared');
    assert.equal(now.paymentStatus, 'authorized');
    assert.equal(now.version, prepared.version, 'no half-written event');
    assert.equal((await intentOf(rig, intent.id)).status, 'authorized');
    // The order can still be cancelled: the authorization is voided.
    assert.equal((await command(rig, order.id, 'cancel', { reason: 'payment failed' })).paymentStatus, 'voided');
  });

  it('cancel after a capture that was never recorded refunds it; a ship that loses its append to a note still records its capture', async () => {
    const { order, intent } = await placeOrder(rig);
    await command(rig, order.id, 'approve');
    await command(rig, order.id, 'prepare');
    // The money was captured (a ship whose append never happened), the order still says prepared.
    await ok(rig, 'POST', `/api/payments/intents/${intent.id}/capture`, { service: 'payments', token: rig.tokens.paymentsStaff, body: {} });
    const cancelled = await command(rig, order.id, 'cancel', { reason: 'customer changed their mind' });
    assert.equal(cancelled.status, 'cancelled');
    assert.equal(cancelled.paymentStatus, 'refunded');
    assert.equal(cancelled.payment.refundedAmount, 2495);
    const money = await intentOf(rig, intent.id);
    assert.equal(money.status, 'refunded');
    assert.equal(money.refundedAmount, 2495);

    // Another command lands while the capture is under way: the ship, whose money has moved,
    // decides again on the fresher stream and records its capture anyway.
    const { order: racing, intent: racingIntent } = await placeOrder(rig);
    await command(rig, racing.id, 'approve');
    await command(rig, racing.id, 'prepare');
    const ctx = rig.orders.context as OrdersContext;
    const config = loadOrdersConfig({});
    class NoteDuringCapture extends OrderPayments {
      override async capture(orderId: string, intentId: string, amount: number) {
        const captured = await super.capture(orderId, intentId, amount);
        await changeOrder(ctx, config, orderId, { actor: 'acct_other', ifMatch: undefined }, { type: 'addNote', text: 'meanwhile', author: 'acct_other' });
        return captured;
      }
    }
    const shippedAnyway = await shipOrder(ctx, config, new NoteDuringCapture(ctx.client('payments')), racing.id, { actor: 'acct_staff', ifMatch: undefined }, { ...SHIP, trackingUrl: SHIP.trackingUrl });
    assert.equal(shippedAnyway.status, 'shipped');
    assert.equal(shippedAnyway.version, 7, 'placed, authorized, approved, prepared, the note, shipped, paid');
    const types = (await ok(rig, 'GET', `/api/orders/orders/${racing.id}/history`, { token: rig.tokens.staff })).items.map((e: any) => e.type);
    assert.deepEqual(types.slice(4), ['NoteAdded', 'OrderShipped', 'OrderPaid']);
    assert.equal((await intentOf(rig, racingIntent.id)).capturedAmount, 2495);
  });

  it('a customer sees only their own orders; staff see the notes; other customers get 404', async () => {
    const { order } = await placeOrder(rig, { accountId: 'acct_alice' });
    await command(rig, order.id, 'notes', { text: 'Gift wrap, please' });
    assertProblem(await rig.request('GET', `/api/orders/orders/${order.id}`, { token: rig.tokens.bob }), 404, 'order-not-found');
    assertProblem(await rig.request('GET', `/api/orders/orders/${order.id}/history`, { token: rig.tokens.bob }), 404, 'order-not-found');
    assertProblem(await rig.request('GET', `/api/orders/orders/${order.id}`), 401, 'unauthorized');
    assertProblem(await rig.request('POST', `/api/orders/orders/${order.id}/approve`, { token: rig.tokens.alice, body: {} }), 403, 'forbidden');
    assertProblem(await rig.request('GET', '/api/orders/orders', { token: rig.tokens.alice }), 403, 'forbidden');

    const staffView = await ok(rig, 'GET', `/api/orders/orders/${order.id}`, { token: rig.tokens.staff });
    assert.deepEqual(staffView.notes.map((n: any) => [n.text, n.author]), [['Gift wrap, please', 'acct_staff']]);
    const own = await ok(rig, 'GET', `/api/orders/orders/${order.id}/history`, { token: rig.tokens.alice });
    assert.ok(!own.items.some((e: any) => e.type === 'NoteAdded'), 'notes are for staff');
    assert.ok(own.items.every((e: any) => e.actor === null));

    const mine = await ok(rig, 'GET', '/api/orders/me/orders', { token: rig.tokens.alice });
    assert.ok(mine.items.some((o: any) => o.id === order.id));
    const bobs = await ok(rig, 'GET', '/api/orders/me/orders', { token: rig.tokens.bob });
    assert.ok(!bobs.items.some((o: any) => o.id === order.id));
  });
});
