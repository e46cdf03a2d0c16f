import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { decide } from '../src/domain/decide.ts';
import type { OrdersContext } from '../src/store/context.ts';
import { loadOrder, StreamVersionConflict } from '../src/store/event-store.ts';
import { commit } from '../src/usecases/commit.ts';
import { address, assertProblem, command, ok, placeOrder, publishedEvents, startOrdersRig, type OrdersRig } from './helpers.ts';

const SNAPSHOT_EVERY = 5;

describe('orders: event store, optimistic concurrency, snapshots, as-of', () => {
  let rig: OrdersRig;
  before(async () => {
    rig = await startOrdersRig({ ORDERS_SNAPSHOT_EVERY: String(SNAPSHOT_EVERY) });
  });
  after(() => rig?.stop());

  /**
   * Runs requests while appends are held back (a SHARE lock on the event store: loading still
   * works, inserting waits), and lets them go once every one of them waits at its append: they all
   * decided on the same version, whatever the machine's load.
   */
  async function racing<T>(requests: () => Promise<T>[]): Promise<T[]> {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const gate = rig.db.transaction().execute(async (tx) => {
      await sql`lock table order_events in share mode`.execute(tx);
      locked();
      await held;
    });
    await isLocked;
    const started = requests();
    const answers = Promise.all(started);
    for (let waited = 0; ; waited += 10) {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_locks where relation = 'order_events'::regclass and not granted`.execute(rig.db);
      if (rows[0]!.n === started.length) break;
      if (waited > 10_000) throw new Error(`only ${rows[0]!.n} of ${started.length} appends are waiting`);
      await new Promise((r) => setTimeout(r, 10));
    }
    release();
    await gate;
    return answers;
  }

  it('two concurrent commands on one order: exactly one wins, the other is a 409', async () => {
    for (let round = 0; round < 3; round++) {
      const { order } = await placeOrder(rig);
      const answers = await racing(() => [
        rig.request('POST', `/api/orders/orders/${order.id}/approve`, { token: rig.tokens.staff, body: {} }),
        rig.request('POST', `/api/orders/orders/${order.id}/notes`, { token: rig.tokens.staff, body: { text: 'racing' } }),
      ]);
      const won = answers.filter((a) => a.statusCode === 200);
      const lost = answers.filter((a) => a.statusCode !== 200);
      assert.equal(won.length, 1, answers.map((a) => a.body).join('\n'));
      assertProblem(lost[0]!, 409, 'order-version-conflict');
      const events = await rig.db.selectFrom('order_events').select(['version', 'type']).where('order_id', '=', order.id).orderBy('version').execute();
      assert.equal(events.length, 3, 'one event appended at version 3');
      assert.equal(events[2]!.version, 3);
    }
  });

  it('an append at a version someone else already wrote fails whole, with nothing projected or published', async () => {
    const { order } = await placeOrder(rig);
    const ctx = rig.orders.context as OrdersContext;
    const config = { ORDERS_SNAPSHOT_EVERY: SNAPSHOT_EVERY };
    const seen = (await loadOrder(rig.db, order.id))!;
    await commit(ctx, config, order.id, seen, decide(seen, { type: 'approve' }), 'acct_first');
    await assert.rejects(commit(ctx, config, order.id, seen, decide(seen, { type: 'addNote', text: 'late', author: 'acct_second' }), 'acct_second'), StreamVersionConflict);
    const detail = await rig.db.selectFrom('order_detail').select(['version', 'notes']).where('order_id', '=', order.id).executeTakeFirstOrThrow();
    assert.equal(detail.version, 3);
    assert.deepEqual(detail.notes, []);
    assert.equal((await publishedEvents(rig, order.id)).length, 2, 'placed and approved only');
  });

  it('If-Match with a stale order version is a 412 and changes nothing; the current one succeeds', async () => {
    const { order } = await placeOrder(rig);
    const response = await rig.request('GET', `/api/orders/orders/${order.id}`, { token: rig.tokens.staff });
    assert.equal(response.headers.etag, '"2"');
    await command(rig, order.id, 'notes', { text: 'first' });
    assertProblem(await rig.request('POST', `/api/orders/orders/${order.id}/approve`, { token: rig.tokens.staff, body: {}, headers: { 'if-match': '"2"' } }), 412, 'precondition-failed');
    assert.equal((await loadOrder(rig.db, order.id))!.status, 'placed');
    const approved = await command(rig, order.id, 'approve', {}, { 'if-match': '"3"' });
    assert.equal(approved.status, 'approved');
    assertProblem(await rig.request('POST', `/api/orders/orders/${order.id}/prepare`, { token: rig.tokens.staff, body: {}, headers: { 'if-match': 'three' } }), 400, 'validation-failed');
  });

  it(`snapshots every ${SNAPSHOT_EVERY} events; the snapshot-loaded state equals the full fold`, async () => {
    const { order } = await placeOrder(rig);
    await command(rig, order.id, 'approve');
    for (let i = 0; i < 8; i++) {
      if (i % 3 === 0) await ok(rig, 'PUT', `/api/orders/orders/${order.id}/addresses`, { token: rig.tokens.staff, body: { billingAddress: address(`Billing ${i}`) } });
      else await command(rig, order.id, 'notes', { text: `note ${i}` });
    }
    await command(rig, order.id, 'prepare');
    await command(rig, order.id, 'ship', { carrier: 'UPS', trackingNumber: '1Z999' });
    await command(rig, order.id, 'refunds', { amount: 300, reason: 'late' });
    // 2 + 1 + 8 + 1 + 2 + 1 = 15 events: snapshots at 5, 10 and 15.
    const snapshots = await rig.db.selectFrom('order_snapshots').select('version').where('order_id', '=', order.id).orderBy('version').execute();
    assert.deepEqual(snapshots.map((s) => s.version), [5, 10, 15]);

    const fromSnapshot = await loadOrder(rig.db, order.id);
    const fullFold = await loadOrder(rig.db, order.id, { snapshots: false });
    assert.equal(fullFold!.version, 15);
    assert.deepEqual(fromSnapshot, fullFold);
    assert.equal(fullFold!.billingAddress.name, 'Billing 6');
    assert.equal(fullFold!.noteCount, 5);

    // One more event: loaded from the snapshot at 15 plus one event, still equal to the full fold.
    await command(rig, order.id, 'notes', { text: 'after the snapshot' });
    assert.deepEqual(await loadOrder(rig.db, order.id), await loadOrder(rig.db, order.id, { snapshots: false }));
    // A snapshot is really what loading starts from: a doctored one shows.
    await rig.db.updateTable('order_snapshots').set({ state: JSON.stringify({ ...fullFold, email: 'doctored@example.com' }) }).where('order_id', '=', order.id).where('version', '=', 15).execute();
    assert.equal((await loadOrder(rig.db, order.id))!.email, 'doctored@example.com');
    assert.equal((await loadOrder(rig.db, order.id, { snapshots: false }))!.email, 'alice@example.com');
  });

  it('as-of: the order as it was before its shipping address changed', async () => {
    const { order } = await placeOrder(rig, { accountId: 'acct_alice' });
    await new Promise((r) => setTimeout(r, 20));
    const before = new Date();
    await new Promise((r) => setTimeout(r, 20));
    const changed = await ok(rig, 'PUT', `/api/orders/orders/${order.id}/addresses`, { token: rig.tokens.staff, body: { shippingAddress: address('Alice at work', 'Hamburg') } });
    assert.equal(changed.shippingAddress.city, 'Hamburg');

    const then = await ok(rig, 'GET', `/api/orders/orders/${order.id}?asOf=${before.toISOString()}`, { token: rig.tokens.alice });
    assert.equal(then.shippingAddress.city, 'Berlin');
    assert.equal(then.shippingAddress.name, 'Alice Example');
    assert.equal(then.version, 2);
    const now = await ok(rig, 'GET', `/api/orders/orders/${order.id}`, { token: rig.tokens.alice });
    assert.equal(now.shippingAddress.city, 'Hamburg');
    assert.equal(now.version, 3);

    const beforePlacing = new Date(Date.parse(order.placedAt) - 60_000).toISOString();
    assertProblem(await rig.request('GET', `/api/orders/orders/${order.id}?asOf=${beforePlacing}`, { token: rig.tokens.alice }), 404, 'order-not-found');
    assertProblem(await rig.request('GET', `/api/orders/orders/${order.id}?asOf=yesterday`, { token: rig.tokens.alice }), 400, 'validation-failed');
    assertProblem(await rig.request('GET', `/api/orders/orders/${order.id}?asOf=${before.toISOString()}`, { token: rig.tokens.bob }), 404, 'order-not-found');

    const history = await ok(rig, 'GET', `/api/orders/orders/${order.id}/history`, { token: rig.tokens.alice });
    assert.deepEqual(history.items.map((e: any) => e.type), ['OrderPlaced', 'PaymentAuthorized', 'AddressChanged']);
    assert.equal(history.items[2].data.shippingAddress.city, 'Hamburg');
  });
});
