import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eventually } from '@mercato/testing';
import { deliver, FakeMailer, ok, OrderStream, orderSummary, startNotificationsRig, type NotificationsRig } from './helpers.ts';

const PREFS = '/api/notifications/preferences/me';
const ALL_ON = { orderConfirmation: true, shippingUpdates: true, refunds: true };

describe('notifications: email preferences', () => {
  let rig: NotificationsRig;
  let staff: string;
  const mailer = new FakeMailer();
  before(async () => {
    rig = await startNotificationsRig({ mailer });
    staff = await rig.issuer.mint({ sub: 'acct_staff', roles: ['notifications-manager'] });
  });
  after(() => rig?.stop());

  const person = (sub: string) => rig.issuer.mint({ sub, roles: ['customer'] });
  const deliveriesOf = async (orderId: string) => (await ok(rig, 'GET', `/api/notifications/deliveries?orderId=${orderId}`, { token: staff })).items as any[];

  it('are all on until changed; a change is versioned with If-Match', async () => {
    const token = await person('acct_prefs');
    const initial = await rig.request('GET', PREFS, { token });
    assert.equal(initial.statusCode, 200);
    assert.deepEqual(initial.json(), { accountId: 'acct_prefs', email: ALL_ON, version: 0, updatedAt: null });
    assert.equal(initial.headers.etag, '"0"');

    const off = { orderConfirmation: true, shippingUpdates: false, refunds: true };
    const saved = await rig.request('PUT', PREFS, { token, headers: { 'if-match': '"0"' }, body: { email: off } });
    assert.equal(saved.statusCode, 200, saved.body);
    assert.equal(saved.json().version, 1);
    assert.equal(saved.headers.etag, '"1"');
    assert.deepEqual((await ok(rig, 'GET', PREFS, { token })).email, off);

    const stale = await rig.request('PUT', PREFS, { token, headers: { 'if-match': '"0"' }, body: { email: ALL_ON } });
    assert.equal(stale.statusCode, 412);
    assert.match(String(stale.headers['content-type']), /^application\/problem\+json/);
    assert.equal(stale.json().code, 'precondition-failed');
    assert.deepEqual((await ok(rig, 'GET', PREFS, { token })).email, off, 'a stale write changes nothing');

    const again = await ok(rig, 'PUT', PREFS, { token, body: { email: off } });
    assert.equal(again.version, 2, 'without If-Match the last write wins');
    assert.deepEqual((await ok(rig, 'GET', PREFS, { token: await person('acct_other') })).email, ALL_ON, 'preferences are per account');
  });

  it('refuses bad input, anonymous callers and machine clients with problems', async () => {
    const token = await person('acct_bad');
    for (const body of [{ email: { orderConfirmation: true } }, { email: { ...ALL_ON, sms: true } }, { email: { ...ALL_ON, refunds: 'no' } }, {}]) {
      const response = await rig.request('PUT', PREFS, { token, body });
      assert.equal(response.statusCode, 400, JSON.stringify(body));
      assert.equal(response.json().code, 'validation-failed');
    }
    assert.equal((await rig.request('PUT', PREFS, { token, headers: { 'if-match': 'yesterday' }, body: { email: ALL_ON } })).statusCode, 400);
    assert.equal((await rig.request('GET', PREFS)).statusCode, 401);
    const machine = await rig.issuer.mint({ sub: 'client_erp', clientId: 'client_erp', scope: 'notifications:read' });
    const response = await rig.request('GET', PREFS, { token: machine });
    assert.equal(response.statusCode, 403);
    assert.equal(response.json().code, 'no-personal-notifications');
  });

  it('a kind turned off is logged as skipped (reason preference) and not sent; the other kinds still go out', async () => {
    const token = await person('acct_no_confirm');
    await ok(rig, 'PUT', PREFS, { token, body: { email: { orderConfirmation: false, shippingUpdates: true, refunds: false } } });
    const stream = new OrderStream(orderSummary({ accountId: 'acct_no_confirm' }));
    const tracking = { carrier: 'UPS', trackingNumber: '1Z999', trackingUrl: null };
    await deliver(
      rig,
      stream.next('placed'),
      stream.next('shipped', { tracking }, { status: 'shipped', tracking }),
      stream.next('refunded', { refund: { id: 'ref_1', amount: 500, reason: 'goodwill', full: false } }, { refundedAmount: 500 }),
    );
    let deliveries: any[] = [];
    await eventually(async () => (deliveries = await deliveriesOf(stream.order.id)).some((d) => d.status === 'sent'));
    const byKind = Object.fromEntries(deliveries.map((d) => [d.kind, d]));
    assert.equal(byKind['order-confirmation'].status, 'skipped');
    assert.equal(byKind['order-confirmation'].reason, 'preference');
    assert.equal(byKind['order-confirmation'].attempts, 0);
    assert.equal(byKind['order-refunded'].status, 'skipped');
    assert.equal(byKind['order-shipped'].status, 'sent');
    assert.equal(byKind['order-shipped'].reason, null);
    const sentHere = mailer.sent.filter((m) => deliveries.some((d) => d.id === m.deliveryId));
    assert.deepEqual(sentHere.map((m) => m.deliveryId), [byKind['order-shipped'].id]);

    const skipped = await ok(rig, 'GET', '/api/notifications/deliveries?status=skipped', { token: staff });
    assert.ok(skipped.items.every((d: any) => d.status === 'skipped' && d.reason === 'preference'));
  });

  it('a cancellation is always sent; a guest order (no account) always gets its mails at the order email', async () => {
    const token = await person('acct_all_off');
    await ok(rig, 'PUT', PREFS, { token, body: { email: { orderConfirmation: false, shippingUpdates: false, refunds: false } } });
    const mine = new OrderStream(orderSummary({ accountId: 'acct_all_off' }));
    await deliver(rig, mine.next('placed'), mine.next('cancelled', { reason: 'customer asked' }, { status: 'cancelled', paymentStatus: 'voided' }));
    await eventually(async () => (await deliveriesOf(mine.order.id)).some((d) => d.kind === 'order-cancelled' && d.status === 'sent'));

    // The guest's address is the same as a customer's who turned everything off: preferences follow accounts, not addresses.
    const guest = new OrderStream(orderSummary({ accountId: null, email: 'Guest.Buyer@example.org' }));
    await deliver(rig, guest.next('placed'));
    let delivery: any;
    await eventually(async () => (delivery = (await deliveriesOf(guest.order.id))[0])?.status === 'sent');
    assert.equal(delivery.accountId, null);
    assert.equal(delivery.to, 'Guest.Buyer@example.org');
    assert.equal(mailer.sent.find((m) => m.deliveryId === delivery.id)?.to, 'Guest.Buyer@example.org');
  });
});
