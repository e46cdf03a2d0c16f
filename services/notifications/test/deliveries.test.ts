import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eventually } from '@mercato/testing';
import { deliver, FakeMailer, ok, OrderStream, orderSummary, startNotificationsRig, type NotificationsRig } from './helpers.ts';

const DELIVERIES = '/api/notifications/deliveries';
const MINE = '/api/notifications/me/deliveries';

describe('notifications: the delivery log for staff and customers', () => {
  let rig: NotificationsRig;
  let staff: string;
  let alice: string;
  let bob: string;
  const orders = { alice: [] as string[], bob: [] as string[] };

  before(async () => {
    rig = await startNotificationsRig({ mailer: new FakeMailer() });
    staff = await rig.issuer.mint({ sub: 'acct_staff', roles: ['notifications-manager'] });
    alice = await rig.issuer.mint({ sub: 'acct_alice', roles: ['customer'] });
    bob = await rig.issuer.mint({ sub: 'acct_bob', roles: ['customer'] });
    for (let i = 0; i < 3; i++) {
      const stream = new OrderStream(orderSummary({ accountId: 'acct_alice', email: 'Alice@Example.com' }));
      orders.alice.push(stream.order.id);
      const tracking = { carrier: 'DHL', trackingNumber: `T${i}`, trackingUrl: null };
      await deliver(rig, stream.next('placed'), stream.next('shipped', { tracking }, { status: 'shipped', tracking }));
    }
    const stream = new OrderStream(orderSummary({ accountId: 'acct_bob', email: 'bob@example.net' }));
    orders.bob.push(stream.order.id);
    await deliver(rig, stream.next('placed'));
    await eventually(async () => (await ok(rig, 'GET', `${DELIVERIES}?status=sent&limit=100`, { token: staff })).items.length === 7);
  });
  after(() => rig?.stop());

  it('staff filter by order, recipient (any case), kind and status, newest first', async () => {
    const byOrder = await ok(rig, 'GET', `${DELIVERIES}?orderId=${orders.alice[1]}`, { token: staff });
    assert.deepEqual(byOrder.items.map((d: any) => d.kind), ['order-shipped', 'order-confirmation']);
    assert.ok(byOrder.items.every((d: any) => d.orderId === orders.alice[1]));

    const toAlice = await ok(rig, 'GET', `${DELIVERIES}?to=alice@example.com&kind=order-confirmation`, { token: staff });
    assert.deepEqual(toAlice.items.map((d: any) => d.orderId), [...orders.alice].reverse());
    assert.ok(toAlice.items.every((d: any) => d.to === 'Alice@Example.com' && d.status === 'sent' && d.attempts === 1));

    assert.equal((await ok(rig, 'GET', `${DELIVERIES}?status=failed`, { token: staff })).items.length, 0);
    const one = await ok(rig, 'GET', `${DELIVERIES}/${toAlice.items[0].id}`, { token: staff });
    assert.equal(one.subject, toAlice.items[0].subject);
  });

  it('pages with a cursor without repeating or losing a delivery', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: any = await ok(rig, 'GET', `${DELIVERIES}?limit=3${cursor ? `&cursor=${cursor}` : ''}`, { token: staff });
      seen.push(...page.items.map((d: any) => d.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    assert.equal(pages, 3);
    assert.equal(seen.length, 7);
    assert.equal(new Set(seen).size, 7);
    assert.deepEqual(seen, [...seen].sort().reverse());
  });

  it('a customer sees only their own deliveries, without staff details', async () => {
    const mine = await ok(rig, 'GET', `${MINE}?limit=100`, { token: alice });
    assert.equal(mine.items.length, 6);
    assert.ok(mine.items.every((d: any) => orders.alice.includes(d.orderId)));
    assert.equal(mine.items[0].file, undefined);
    assert.equal(mine.items[0].lastError, undefined);

    const bobs = await ok(rig, 'GET', MINE, { token: bob });
    assert.deepEqual(bobs.items.map((d: any) => d.orderId), orders.bob);
    // Naming another customer's order finds nothing.
    assert.deepEqual((await ok(rig, 'GET', `${MINE}?orderId=${orders.alice[0]}`, { token: bob })).items, []);
  });

  it('customers cannot use the staff routes; unknown ids and bad filters are problems', async () => {
    const [aliceDelivery] = (await ok(rig, 'GET', MINE, { token: alice })).items;
    for (const url of [DELIVERIES, `${DELIVERIES}/${aliceDelivery.id}`, `${DELIVERIES}/${aliceDelivery.id}/message`]) {
      const response = await rig.request('GET', url, { token: alice });
      assert.equal(response.statusCode, 403, url);
      assert.equal(response.json().code, 'forbidden');
      assert.equal((await rig.request('GET', url)).statusCode, 401);
    }
    assert.equal((await rig.request('GET', MINE)).statusCode, 401);

    const missing = await rig.request('GET', `${DELIVERIES}/dlv_missing/message`, { token: staff });
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.json().code, 'delivery-not-found');
    assert.equal((await rig.request('GET', `${DELIVERIES}/dlv_missing`, { token: staff })).json().code, 'delivery-not-found');

    for (const query of ['kind=sms', 'status=bounced', 'limit=0', 'limit=101', 'cursor=not-a-cursor', 'colour=red']) {
      const response = await rig.request('GET', `${DELIVERIES}?${query}`, { token: staff });
      assert.equal(response.statusCode, 400, query);
      assert.equal(response.json().code, 'validation-failed');
    }
  });

  it('admins and machine clients with notifications:read read the log and the raw message', async () => {
    const admin = await rig.issuer.mint({ sub: 'acct_admin', roles: ['admin'] });
    const machine = await rig.issuer.mint({ sub: 'client_crm', clientId: 'client_crm', scope: 'notifications:read' });
    const [latest] = (await ok(rig, 'GET', `${DELIVERIES}?limit=1`, { token: admin })).items;
    const message = await rig.request('GET', `${DELIVERIES}/${latest.id}/message`, { token: machine });
    assert.equal(message.statusCode, 200);
    assert.equal(message.headers['content-type'], 'message/rfc822');
    assert.match(message.body, new RegExp(`^Message-ID: ${latest.messageId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\r$`, 'm'));
  });
});
