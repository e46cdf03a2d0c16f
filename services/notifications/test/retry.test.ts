import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eventually } from '@mercato/testing';
import type { Kysely } from 'kysely';
import { recordDelivery } from '../src/store/deliveries.store.ts';
import type { NotificationsTables } from '../src/store/tables.ts';
import { deliver, FakeMailer, ok, OrderStream, orderSummary, startNotificationsRig, type NotificationsRig } from './helpers.ts';

const BASE_MS = 60;

describe('notifications: the sender retries with exponential backoff, then gives up', () => {
  let rig: NotificationsRig;
  let staff: string;
  // Fails every message twice, then accepts it.
  const mailer = new FakeMailer(2);
  before(async () => {
    rig = await startNotificationsRig({ mailer, env: { NOTIFICATIONS_RETRY_BASE_MS: String(BASE_MS), NOTIFICATIONS_MAX_ATTEMPTS: '5' } });
    staff = await rig.issuer.mint({ sub: 'acct_staff', roles: ['notifications-manager'] });
  });
  after(() => rig?.stop());

  const deliveryOf = async (orderId: string) => (await ok(rig, 'GET', `/api/notifications/deliveries?orderId=${orderId}`, { token: staff })).items[0];

  it('two failures, then sent: three attempts, each wait twice the one before, the error kept without the address', async () => {
    const stream = new OrderStream(orderSummary());
    await deliver(rig, stream.next('placed'));
    let delivery: any;
    const waiting: any[] = [];
    await eventually(async () => {
      delivery = await deliveryOf(stream.order.id);
      assert.ok(['pending', 'sent'].includes(delivery.status), `unexpected ${delivery.status}`);
      if (delivery.status === 'pending' && delivery.attempts > 0) waiting.push(delivery);
      return delivery.status === 'sent';
    });
    // Between attempts the log shows the failure and when the next attempt is due.
    const retrying = waiting.find((d) => d.attempts === 2) ?? waiting[0];
    assert.ok(retrying, 'a pending retry was seen');
    assert.match(retrying.lastError, /temporarily unavailable/);
    assert.ok(Date.parse(retrying.nextAttemptAt) >= Date.parse(retrying.updatedAt) + BASE_MS * 2 ** (retrying.attempts - 1) - 5);
    assert.equal(delivery.attempts, 3);
    assert.equal(delivery.lastError, '450 4.2.1 mailbox <j***@example.com> temporarily unavailable');
    assert.equal(delivery.nextAttemptAt, null);
    assert.ok(delivery.sentAt);

    const times = mailer.attempts.filter((a) => a.deliveryId === delivery.id).map((a) => a.at);
    assert.equal(times.length, 3);
    assert.equal(mailer.sent.filter((m) => m.deliveryId === delivery.id).length, 1);
    assert.ok(times[1]! - times[0]! >= BASE_MS, `first retry after ≥ ${BASE_MS} ms, was ${times[1]! - times[0]!}`);
    assert.ok(times[2]! - times[1]! >= 2 * BASE_MS, `second retry after ≥ ${2 * BASE_MS} ms, was ${times[2]! - times[1]!}`);

    const resend = await rig.request('POST', `/api/notifications/deliveries/${delivery.id}/retry`, { token: staff });
    assert.equal(resend.statusCode, 409, 'a sent delivery is not sent again');
    assert.equal(resend.json().code, 'delivery-not-failed');
    assert.equal(resend.json().deliveryStatus, 'sent');
  });

  it('recording the same event and kind twice keeps one delivery', async () => {
    const db = rig.service.context.db as Kysely<NotificationsTables>;
    const order = orderSummary();
    const record = () =>
      db.transaction().execute((tx) =>
        recordDelivery(tx, {
          eventId: 'evt-1', eventType: 'mercato.orders.order.placed.v1', kind: 'order-confirmation', orderId: order.id, orderNumber: order.number,
          accountId: null, to: order.email, content: { subject: 's', text: 't', html: 'h' }, skip: null,
        }),
      );
    assert.ok(await record());
    assert.equal(await record(), undefined);
    assert.equal((await ok(rig, 'GET', `/api/notifications/deliveries?orderId=${order.id}`, { token: staff })).items.length, 1);
  });
});

describe('notifications: a message that keeps failing ends as failed', () => {
  let rig: NotificationsRig;
  const mailer = new FakeMailer(Number.POSITIVE_INFINITY);
  before(async () => {
    rig = await startNotificationsRig({ mailer, env: { NOTIFICATIONS_RETRY_BASE_MS: '20', NOTIFICATIONS_MAX_ATTEMPTS: '3' } });
  });
  after(() => rig?.stop());

  it('after NOTIFICATIONS_MAX_ATTEMPTS attempts it is failed and never tried again', async () => {
    const staff = await rig.issuer.mint({ sub: 'acct_staff', roles: ['admin'] });
    const stream = new OrderStream(orderSummary());
    await deliver(rig, stream.next('placed'));
    let delivery: any;
    await eventually(async () => (delivery = (await ok(rig, 'GET', `/api/notifications/deliveries?status=failed`, { token: staff })).items[0]) !== undefined);
    assert.equal(delivery.orderId, stream.order.id);
    assert.equal(delivery.attempts, 3);
    assert.equal(delivery.nextAttemptAt, null);
    assert.equal(delivery.sentAt, null);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(mailer.attempts.length, 3);
    assert.equal(mailer.sent.length, 0);
  });

  it('staff can send a failed delivery again', async () => {
    const staff = await rig.issuer.mint({ sub: 'acct_staff', roles: ['notifications-manager'] });
    const customer = await rig.issuer.mint({ sub: 'acct_buyer', roles: ['customer'] });
    const [failed] = (await ok(rig, 'GET', '/api/notifications/deliveries?status=failed', { token: staff })).items;
    assert.equal((await rig.request('POST', `/api/notifications/deliveries/${failed.id}/retry`, { token: customer })).statusCode, 403);

    const before = mailer.attempts.length;
    const retried = await ok(rig, 'POST', `/api/notifications/deliveries/${failed.id}/retry`, { token: staff });
    assert.equal(retried.status, 'pending');
    assert.equal(retried.attempts, 0);
    await eventually(async () => (await ok(rig, 'GET', `/api/notifications/deliveries/${failed.id}`, { token: staff })).status === 'failed' && mailer.attempts.length === before + 3);
    assert.equal((await rig.request('POST', '/api/notifications/deliveries/dlv_missing/retry', { token: staff })).json().code, 'delivery-not-found');
  });
});
