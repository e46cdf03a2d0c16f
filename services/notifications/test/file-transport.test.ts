import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { eventually } from '@mercato/testing';
import { sql, type Kysely } from 'kysely';
import { parseEml } from './eml.ts';
import { deliver, ok, OrderStream, orderSummary, startNotificationsRig, type NotificationsRig } from './helpers.ts';

const DELIVERIES = '/api/notifications/deliveries';

describe('notifications: order events become emails written as .eml files', () => {
  let rig: NotificationsRig;
  let staff: string;
  before(async () => {
    rig = await startNotificationsRig({ env: { NOTIFICATIONS_FROM: 'Mercato Shop <orders@shop.example>' } });
    staff = await rig.issuer.mint({ sub: 'acct_staff', roles: ['notifications-manager'] });
  });
  after(() => rig?.stop());

  const deliveriesOf = async (orderId: string) => (await ok(rig, 'GET', `${DELIVERIES}?orderId=${orderId}`, { token: staff })).items as any[];
  const sentOf = async (orderId: string, count: number) => {
    let items: any[] = [];
    await eventually(async () => (items = await deliveriesOf(orderId)).filter((d) => d.status === 'sent').length >= count);
    return items;
  };

  it('a placed order is confirmed by an RFC 822 file: headers, text and escaped HTML with lines, totals and address', async () => {
    const stream = new OrderStream(
      orderSummary({
        lines: [
          { sku: 'TEE-M', name: 'Tee <script>alert("x")</script> & “more”', quantity: 2, lineTotal: 4000 },
          { sku: 'MUG', name: null, quantity: 1, lineTotal: 1250 },
        ],
        shippingAddress: { name: 'Jane <b>Doe</b>', line1: 'Hauptstraße 1', line2: 'c/o Müller', postalCode: '10115', city: 'Berlin', country: 'DE' },
      }),
    );
    await deliver(rig, stream.next('placed'));
    const [delivery] = await sentOf(stream.order.id, 1);
    assert.equal(delivery.kind, 'order-confirmation');
    assert.equal(delivery.attempts, 1);
    assert.equal(delivery.to, 'jane.doe@example.com');
    assert.equal(delivery.file, `${rig.mailDir}/${delivery.id}.eml`);

    const raw = await readFile(delivery.file);
    const mail = parseEml(raw);
    assert.equal(mail.bareLineFeeds, 0, 'RFC 822 lines end in CRLF');
    assert.equal(mail.headers.get('from'), 'Mercato Shop <orders@shop.example>');
    assert.equal(mail.headers.get('to'), 'jane.doe@example.com');
    assert.equal(mail.headers.get('subject'), `Mercato: your order ${stream.order.number} is confirmed`);
    assert.equal(mail.headers.get('message-id'), `<${delivery.id}@shop.example>`);
    assert.equal(delivery.messageId, `<${delivery.id}@shop.example>`);
    assert.match(mail.headers.get('content-type')!, /^multipart\/alternative/);

    const text = mail.parts.get('text/plain')!;
    assert.match(text, /2 × Tee <script>alert\("x"\)<\/script> & “more” \(TEE-M\)\s+€40\.00/);
    assert.match(text, /1 × MUG \(MUG\)\s+€12\.50/, 'a line without a name shows its SKU');
    assert.match(text, /Discounts\s+-€5\.00/);
    assert.match(text, /Shipping\s+€4\.95/);
    assert.match(text, /Total\s+€52\.45/);
    assert.match(text, /Hauptstraße 1\n\s+c\/o Müller\n\s+10115 Berlin/);

    const html = mail.parts.get('text/html')!;
    assert.ok(!html.includes('<script>'), 'no markup from order data reaches the HTML');
    assert.ok(!html.includes('<b>Doe'), 'the customer name is escaped too');
    assert.ok(html.includes('Tee &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; “more”'));
    assert.ok(html.includes('Jane &lt;b&gt;Doe&lt;/b&gt;'));
    assert.ok(html.includes('€52.45'));

    const message = await rig.request('GET', `${DELIVERIES}/${delivery.id}/message`, { token: staff });
    assert.equal(message.statusCode, 200);
    assert.equal(message.headers['content-type'], 'message/rfc822');
    assert.ok(message.rawPayload.equals(raw), 'the log keeps the message byte for byte as written');
  });

  it('a redelivered event records nothing new and sends no second email', async () => {
    const stream = new OrderStream(orderSummary());
    const placed = stream.next('placed');
    await deliver(rig, placed);
    await sentOf(stream.order.id, 1);
    await deliver(rig, placed);
    await deliver(rig, { ...placed });
    await new Promise((r) => setTimeout(r, 200)); // several sender rounds
    const deliveries = await deliveriesOf(stream.order.id);
    assert.equal(deliveries.length, 1);
    const files = (await readdir(rig.mailDir)).filter((f) => f.startsWith(deliveries[0].id));
    assert.deepEqual(files, [`${deliveries[0].id}.eml`]);
  });

  it('shipment (carrier, tracking link), refunds (partial, full) and cancellation each send their email; other events none', async () => {
    const stream = new OrderStream(orderSummary({ currency: 'JPY', totals: { subtotal: 12000, discountTotal: 0, taxTotal: 1091, shippingTotal: 800, grandTotal: 12800 } }));
    const tracking = { carrier: 'DHL', trackingNumber: 'JJD0099<1>', trackingUrl: 'https://track.example/?id=JJD0099&lang=en' };
    const refund = (id: string, amount: number, full: boolean) => ({ refund: { id, amount, reason: 'returned', full } });
    await deliver(
      rig,
      stream.next('placed'),
      stream.next('approved', {}, { status: 'approved' }),
      stream.next('note-added', { note: { text: 'gift wrap', author: 'acct_staff' } }),
      stream.next('prepared', {}, { status: 'prepared' }),
      stream.next('shipped', { tracking }, { status: 'shipped', tracking }),
      stream.next('paid', { amount: 12800 }, { paymentStatus: 'paid' }),
      stream.next('refunded', refund('ref_1', 2000, false), { paymentStatus: 'partially_refunded', refundedAmount: 2000 }),
      stream.next('refunded', refund('ref_2', 10800, true), { paymentStatus: 'refunded', refundedAmount: 12800 }),
    );
    const deliveries = await sentOf(stream.order.id, 4);
    assert.deepEqual(deliveries.map((d) => d.kind).sort(), ['order-confirmation', 'order-refunded', 'order-refunded', 'order-shipped']);
    const read = async (kind: string) => Promise.all(deliveries.filter((d) => d.kind === kind).map(async (d) => parseEml(await readFile(d.file))));

    const [shipped] = await read('order-shipped');
    assert.equal(shipped!.headers.get('subject'), `Mercato: your order ${stream.order.number} has shipped`);
    assert.match(shipped!.parts.get('text/plain')!, /Carrier: DHL\nTracking number: JJD0099<1>\nTrack your parcel: https:\/\/track\.example\/\?id=JJD0099&lang=en/);
    assert.ok(shipped!.parts.get('text/html')!.includes('<a href="https://track.example/?id=JJD0099&amp;lang=en">'));
    assert.ok(shipped!.parts.get('text/html')!.includes('JJD0099&lt;1&gt;'));
    assert.match(shipped!.parts.get('text/plain')!, /¥12,800/, 'JPY has no minor digits');

    const refunds = (await read('order-refunded')).map((m) => m.headers.get('subject')).sort();
    assert.deepEqual(refunds, [`Mercato: partial refund of ¥2,000 for order ${stream.order.number}`, `Mercato: your order ${stream.order.number} has been refunded`]);

    const cancelledStream = new OrderStream(orderSummary({ accountId: null }));
    await deliver(rig, cancelledStream.next('placed'), cancelledStream.next('cancelled', { reason: 'out of stock' }, { status: 'cancelled', paymentStatus: 'voided' }));
    const cancelled = (await sentOf(cancelledStream.order.id, 2)).find((d) => d.kind === 'order-cancelled');
    const mail = parseEml(await readFile(cancelled.file));
    assert.equal(mail.headers.get('subject'), `Mercato: your order ${cancelledStream.order.number} has been cancelled`);
    assert.match(mail.parts.get('text/plain')!, /You have not been charged: the €52\.45 reserved on your card has been released\./);
    assert.ok(!mail.parts.get('text/plain')!.includes('out of stock'), "staff's reason stays internal");
  });

  it('the delivery log keeps no raw message for a skipped delivery, and the message route still shows what it would be', async () => {
    const db = rig.service.context.db as Kysely<any>;
    const customer = await rig.issuer.mint({ sub: 'acct_quiet', roles: ['customer'] });
    await ok(rig, 'PUT', '/api/notifications/preferences/me', { token: customer, body: { email: { orderConfirmation: false, shippingUpdates: true, refunds: true } } });
    const stream = new OrderStream(orderSummary({ accountId: 'acct_quiet' }));
    await deliver(rig, stream.next('placed'));
    const [skipped] = await deliveriesOf(stream.order.id);
    assert.equal(skipped.status, 'skipped');
    const { rows } = await sql<{ raw: Buffer | null }>`select raw from deliveries where id = ${skipped.id}`.execute(db);
    assert.equal(rows[0]!.raw, null);
    const message = await rig.request('GET', `${DELIVERIES}/${skipped.id}/message`, { token: staff });
    assert.equal(message.statusCode, 200);
    assert.equal(parseEml(message.rawPayload).headers.get('subject'), `Mercato: your order ${stream.order.number} is confirmed`);
  });
});
