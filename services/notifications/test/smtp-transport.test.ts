import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eventually } from '@mercato/testing';
import { parseEml } from './eml.ts';
import { deliver, ok, OrderStream, orderSummary, startNotificationsRig, type NotificationsRig } from './helpers.ts';
import { TinySmtpServer } from './smtp-server.ts';

describe('notifications: the SMTP transport (NOTIFICATIONS_SMTP_URL) against a local SMTP server', () => {
  const smtp = new TinySmtpServer();
  let rig: NotificationsRig;
  let staff: string;
  before(async () => {
    const port = await smtp.start();
    rig = await startNotificationsRig({ env: { NOTIFICATIONS_SMTP_URL: `smtp://127.0.0.1:${port}`, NOTIFICATIONS_SMTP_TIMEOUT_MS: '2000', NOTIFICATIONS_FROM: 'Shop <orders@shop.example>' } });
    staff = await rig.issuer.mint({ sub: 'acct_staff', roles: ['notifications-manager'] });
  });
  after(async () => {
    await rig?.stop();
    await smtp.stop();
  });

  const deliveryOf = async (orderId: string) => (await ok(rig, 'GET', `/api/notifications/deliveries?orderId=${orderId}`, { token: staff })).items[0];

  it('hands the message to the relay with the envelope of the delivery; no file is written', async () => {
    const stream = new OrderStream(orderSummary({ email: 'buyer@example.org' }));
    await deliver(rig, stream.next('placed'));
    let delivery: any;
    await eventually(async () => (delivery = await deliveryOf(stream.order.id))?.status === 'sent');
    assert.equal(delivery.file, null);
    const received = smtp.received.find((r) => r.data.includes(delivery.messageId));
    assert.ok(received, 'the relay got the message');
    assert.equal(received.from, 'orders@shop.example');
    assert.deepEqual(received.to, ['buyer@example.org']);
    const mail = parseEml(received.data);
    assert.equal(mail.headers.get('subject'), `Mercato: your order ${stream.order.number} is confirmed`);
    assert.match(mail.parts.get('text/plain')!, /Total\s+€52\.45/);
    const kept = await rig.request('GET', `/api/notifications/deliveries/${delivery.id}/message`, { token: staff });
    assert.equal(kept.body, received.data, 'the log keeps exactly what the relay got');
  });

  it('a temporary rejection by the relay is retried; its error is kept with the address masked', async () => {
    smtp.rejectRecipients = 1;
    const stream = new OrderStream(orderSummary({ email: 'second@example.org' }));
    await deliver(rig, stream.next('placed'));
    let delivery: any;
    await eventually(async () => (delivery = await deliveryOf(stream.order.id))?.status === 'sent');
    assert.equal(delivery.attempts, 2);
    assert.match(delivery.lastError, /s\*\*\*@example\.org/);
    assert.ok(!delivery.lastError.includes('second@'));
    assert.equal(smtp.received.filter((r) => r.to.includes('second@example.org')).length, 1);
  });
});
