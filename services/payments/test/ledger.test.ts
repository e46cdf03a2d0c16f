import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { CARDS, created, ok, startPayments, type PaymentsRig } from './helpers.ts';

describe('ledger and reconciliation', () => {
  let rig: PaymentsRig;
  before(async () => {
    rig = await startPayments();
  });
  after(() => rig.stop());

  it('balances after a mix of operations, with the right figures per order', async () => {
    // Order A: 10000 authorized, 8000 captured (2000 released), 1500 + 500 refunded.
    const a = await created(rig, { orderId: 'ord_a', amount: 10_000 });
    await ok(rig, 'POST', `/api/payments/intents/${a.id}/capture`, { body: { amount: 8000 } });
    await ok(rig, 'POST', `/api/payments/intents/${a.id}/refunds`, { body: { amount: 1500 } }, 201);
    await ok(rig, 'POST', `/api/payments/intents/${a.id}/refunds`, { body: { amount: 500 } }, 201);
    // Order B: a declined attempt, then 3000 authorized and voided.
    await created(rig, { orderId: 'ord_b', amount: 3000, card: { number: CARDS.decline } });
    const b = await created(rig, { orderId: 'ord_b', amount: 3000 });
    await ok(rig, 'POST', `/api/payments/intents/${b.id}/void`);
    // Order C: 4200 authorized, still held.
    await created(rig, { orderId: 'ord_c', amount: 4200 });
    // Order D: captured in full and refunded in full.
    const d = await created(rig, { orderId: 'ord_d', amount: 999 });
    await ok(rig, 'POST', `/api/payments/intents/${d.id}/capture`, { body: {} });
    await ok(rig, 'POST', `/api/payments/intents/${d.id}/refunds`, { body: { amount: 999, reason: 'returned' } }, 201);

    const report = await ok(rig, 'GET', '/api/payments/reconciliation', { token: rig.reader });
    assert.equal(report.balanced, true, JSON.stringify(report));
    assert.deepEqual(report.orders, [
      { orderId: 'ord_a', currency: 'EUR', authorized: 10_000, captured: 8000, voided: 2000, refunded: 2000, net: 6000, held: 0, balanced: true },
      { orderId: 'ord_b', currency: 'EUR', authorized: 3000, captured: 0, voided: 3000, refunded: 0, net: 0, held: 0, balanced: true },
      { orderId: 'ord_c', currency: 'EUR', authorized: 4200, captured: 0, voided: 0, refunded: 0, net: 0, held: 4200, balanced: true },
      { orderId: 'ord_d', currency: 'EUR', authorized: 999, captured: 999, voided: 0, refunded: 999, net: 0, held: 0, balanced: true },
    ]);
    assert.equal(report.totals.debits, report.totals.credits);
    const balances = Object.fromEntries(report.accounts.map((a: any) => [a.account, a.balance]));
    assert.deepEqual(balances, {
      'authorization-holds': 4200, // order C's hold
      'customer-cards': -(4200 + 6000), // what customers owe: the hold and the net paid
      'provider-receivable': 6000, // captured minus refunded
    });

    const one = await ok(rig, 'GET', '/api/payments/reconciliation?orderId=ord_a', { token: rig.reader });
    assert.equal(one.orders.length, 1);
    assert.equal(one.orders[0].net, 6000);

    const entries = await ok(rig, 'GET', '/api/payments/ledger?orderId=ord_a&limit=2', { token: rig.staff });
    assert.deepEqual(entries.items.map((e: any) => e.kind), ['authorization', 'capture']);
    const rest = await ok(rig, 'GET', `/api/payments/ledger?orderId=ord_a&cursor=${entries.nextCursor}`, { token: rig.staff });
    assert.deepEqual(rest.items.map((e: any) => [e.kind, e.amount]), [['release', 2000], ['refund', 1500], ['refund', 500]]);
    assert.ok(rest.items.filter((e: any) => e.kind === 'refund').every((e: any) => e.refundId?.startsWith('rfd_')));
  });

  it('reports an order whose intent disagrees with its ledger as unbalanced', async () => {
    const intent = await created(rig, { orderId: 'ord_tampered', amount: 700 });
    await ok(rig, 'POST', `/api/payments/intents/${intent.id}/capture`, { body: {} });
    await sql`update payment_intents set captured_amount = 600, released_amount = 100 where id = ${intent.id}`.execute(rig.db);
    const report = await ok(rig, 'GET', '/api/payments/reconciliation');
    assert.equal(report.balanced, false);
    assert.equal(report.orders.find((o: any) => o.orderId === 'ord_tampered').balanced, false);
    assert.equal(report.orders.find((o: any) => o.orderId === 'ord_a').balanced, true);
  });
});
