import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { address, assertProblem, command, ok, placeOrder, startOrdersRig, type OrdersRig } from './helpers.ts';

describe('orders: read models, the staff board, rebuild by replay', () => {
  let rig: OrdersRig;
  const ids: Record<string, string> = {};
  let middle = '';

  before(async () => {
    rig = await startOrdersRig({ ORDERS_SNAPSHOT_EVERY: '3' });
    // Six orders of different customers, totals and states, placed one after the other.
    const place = async (name: string, accountId: string | null, grandTotal: number) => {
      ids[name] = (await placeOrder(rig, { accountId, grandTotal })).order.id;
      await new Promise((r) => setTimeout(r, 5));
    };
    await place('a1', 'acct_alice', 1500);
    await place('b1', 'acct_bob', 5000);
    await place('g1', null, 2500);
    middle = new Date().toISOString();
    await place('a2', 'acct_alice', 9900);
    await place('b2', 'acct_bob', 800);
    await place('a3', 'acct_alice', 3000);

    await command(rig, ids.a1!, 'approve');
    await command(rig, ids.a1!, 'prepare');
    await command(rig, ids.a1!, 'ship', { carrier: 'DHL', trackingNumber: 'T1' });
    await command(rig, ids.a1!, 'refunds', { amount: 500, reason: 'scratch' });
    await command(rig, ids.b1!, 'cancel', { reason: 'fraud check' });
    await command(rig, ids.a2!, 'approve');
    await command(rig, ids.a2!, 'notes', { text: 'call before delivery' });
    await command(rig, ids.a2!, 'notes', { text: 'second note' });
    await ok(rig, 'PUT', `/api/orders/orders/${ids.g1}/addresses`, { token: rig.tokens.staff, body: { billingAddress: address('Guest Company') } });
  });
  after(() => rig?.stop());

  const board = (query: string) => ok(rig, 'GET', `/api/orders/orders?${query}`, { token: rig.tokens.staff });
  const idsOf = (page: any) => page.items.map((o: any) => o.id);

  it('the staff board filters by status, payment status, dates, account and total, newest first', async () => {
    assert.deepEqual(idsOf(await board('')), [ids.a3, ids.b2, ids.a2, ids.g1, ids.b1, ids.a1]);
    assert.deepEqual(idsOf(await board('status=placed')), [ids.a3, ids.b2, ids.g1]);
    assert.deepEqual(idsOf(await board('status=cancelled')), [ids.b1]);
    assert.deepEqual(idsOf(await board('paymentStatus=partially_refunded')), [ids.a1]);
    assert.deepEqual(idsOf(await board('paymentStatus=voided')), [ids.b1]);
    assert.deepEqual(idsOf(await board(`from=${middle}`)), [ids.a3, ids.b2, ids.a2]);
    assert.deepEqual(idsOf(await board(`to=${middle}`)), [ids.g1, ids.b1, ids.a1]);
    assert.deepEqual(idsOf(await board('accountId=acct_alice')), [ids.a3, ids.a2, ids.a1]);
    assert.deepEqual(idsOf(await board('minTotal=2500&maxTotal=5000')), [ids.a3, ids.g1, ids.b1]);
    assert.deepEqual(idsOf(await board('accountId=acct_alice&status=approved&minTotal=9000')), [ids.a2]);
    const row = (await board('status=cancelled')).items[0];
    assert.equal(row.email, 'alice@example.com');
    assert.equal(row.grandTotal, 5000);
    assert.equal(row.paymentStatus, 'voided');

    assertProblem(await rig.request('GET', '/api/orders/orders?status=lost', { token: rig.tokens.staff }), 400, 'validation-failed');
    assertProblem(await rig.request('GET', '/api/orders/orders?minTotal=10&maxTotal=5', { token: rig.tokens.staff }), 400, 'validation-failed');
    assertProblem(await rig.request('GET', '/api/orders/orders?cursor=bogus', { token: rig.tokens.staff }), 400, 'validation-failed');
  });

  it('pages with a cursor, without gaps or repeats, and a customer pages through their own list only', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await board(`limit=4${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...idsOf(page));
      cursor = page.nextCursor;
    } while (cursor);
    assert.deepEqual(seen, [ids.a3, ids.b2, ids.a2, ids.g1, ids.b1, ids.a1]);

    const first = await ok(rig, 'GET', '/api/orders/me/orders?limit=2', { token: rig.tokens.alice });
    assert.deepEqual(idsOf(first), [ids.a3, ids.a2]);
    const second = await ok(rig, 'GET', `/api/orders/me/orders?limit=2&cursor=${first.nextCursor}`, { token: rig.tokens.alice });
    assert.deepEqual(idsOf(second), [ids.a1]);
    assert.equal(second.nextCursor, null);
    assert.equal(second.items[0].status, 'shipped');
    assert.equal(second.items[0].paymentStatus, 'partially_refunded');
    assert.deepEqual(idsOf(await ok(rig, 'GET', '/api/orders/me/orders', { token: rig.tokens.bob })), [ids.b2, ids.b1]);
  });

  it('rebuilding by replay gives tables identical to the live ones (hash), and a tampered row shows', async () => {
    const live = await ok(rig, 'GET', '/api/orders/read-models/hash', { token: rig.tokens.admin });
    assert.match(live.detail, /^[0-9a-f]{64}$/);
    assertProblem(await rig.request('GET', '/api/orders/read-models/hash', { token: rig.tokens.staff }), 403, 'forbidden');
    assertProblem(await rig.request('POST', '/api/orders/read-models/rebuild', { token: rig.tokens.staff }), 403, 'forbidden');

    const indexNames = async () => (await sql<{ name: string }>`select indexname as name from pg_indexes where tablename like 'order_%' order by 1`.execute(rig.db)).rows.map((r) => r.name);
    const migrated = await indexNames();
    const rebuilt = await ok(rig, 'POST', '/api/orders/read-models/rebuild', { token: rig.tokens.admin });
    assert.equal(rebuilt.orders, 6);
    assert.deepEqual(await indexNames(), migrated, 'the swapped-in tables keep the migrations’ index names');
    assert.deepEqual(rebuilt.hashes, live, 'replaying every event rebuilds the same rows');
    assert.deepEqual(await ok(rig, 'GET', '/api/orders/read-models/hash', { token: rig.tokens.admin }), live);

    // Tamper with one row of each model: its hash changes, and a rebuild repairs it.
    await sql`update order_detail set data = jsonb_set(data, '{email}', '"x@example.com"') where order_id = ${ids.a2}`.execute(rig.db);
    await sql`update order_board set grand_total = grand_total + 1 where order_id = ${ids.b2}`.execute(rig.db);
    await sql`update order_customer_list set status = 'delivered' where order_id = ${ids.a3}`.execute(rig.db);
    const tampered = await ok(rig, 'GET', '/api/orders/read-models/hash', { token: rig.tokens.admin });
    assert.notEqual(tampered.detail, live.detail);
    assert.notEqual(tampered.board, live.board);
    assert.notEqual(tampered.customerList, live.customerList);
    const repaired = await ok(rig, 'POST', '/api/orders/read-models/rebuild', { token: rig.tokens.admin });
    assert.deepEqual(repaired.hashes, live);

    // The swapped-in tables are live: commands project into them and reads come from them.
    const approved = await command(rig, ids.b2!, 'approve');
    assert.equal(approved.status, 'approved');
    assert.deepEqual(idsOf(await board('status=approved')), [ids.b2, ids.a2]);
    const staffView = await ok(rig, 'GET', `/api/orders/orders/${ids.a2}`, { token: rig.tokens.staff });
    assert.deepEqual(staffView.notes.map((n: any) => n.text), ['call before delivery', 'second note'], 'notes replayed in order');
    const afterChange = await ok(rig, 'GET', '/api/orders/read-models/hash', { token: rig.tokens.admin });
    assert.notDeepEqual(afterChange, live);
    assert.deepEqual((await ok(rig, 'POST', '/api/orders/read-models/rebuild', { token: rig.tokens.admin })).hashes, afterChange);
  });

  it('a rebuild racing with commands misses none of them', async () => {
    const extra = await Promise.all([placeOrder(rig, { accountId: 'acct_carol' }), placeOrder(rig, { accountId: 'acct_carol' })]);
    const [rebuilt] = await Promise.all([
      ok(rig, 'POST', '/api/orders/read-models/rebuild', { token: rig.tokens.admin }),
      ...extra.map(({ order }) => command(rig, order.id, 'approve')),
      command(rig, ids.a3!, 'notes', { text: 'during the rebuild' }),
    ]);
    assert.ok(rebuilt.orders >= 8);
    const live = await ok(rig, 'GET', '/api/orders/read-models/hash', { token: rig.tokens.admin });
    const again = await ok(rig, 'POST', '/api/orders/read-models/rebuild', { token: rig.tokens.admin });
    assert.deepEqual(again.hashes, live, 'the live tables after the race equal a quiet replay');
    for (const { order } of extra) assert.equal((await ok(rig, 'GET', `/api/orders/orders/${order.id}`, { token: rig.tokens.staff })).status, 'approved');
  });
});
