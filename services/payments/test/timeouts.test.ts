import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { paymentAuthorized, paymentFailed, paymentRefunded } from '@mercato/contracts';
import { newId } from '@mercato/kit';
import { sql } from 'kysely';
import { insertIntent } from '../src/store/intents.store.ts';
import { insertPendingRefund } from '../src/store/refunds.store.ts';
import { recoverUnfinished } from '../src/usecases/recover.ts';
import { CARDS, created, ok, outboxEvents, startPayments, type PaymentsRig } from './helpers.ts';

describe('provider timeouts and recovery', () => {
  let rig: PaymentsRig;
  before(async () => {
    // The provider would keep the caller waiting for 5 s; payments gives up after 300 ms.
    rig = await startPayments({ PAYMENTS_PROVIDER_TIMEOUT_MS: '300', PAYMENTS_TEST_TIMEOUT_SLEEP_MS: '5000' });
  });
  after(() => rig.stop());

  it('fails the intent with provider-timeout within the timeout, and voids the payment at the provider', async () => {
    const started = Date.now();
    const intent = await created(rig, { card: { number: CARDS.timeout }, orderId: 'ord_timeout' });
    const elapsed = Date.now() - started;
    assert.ok(elapsed >= 300 && elapsed < 2500, `answered after ${elapsed} ms`);
    assert.equal(intent.status, 'failed');
    assert.equal(intent.failure.code, 'provider-timeout');

    const atProvider = rig.provider.payment(intent.id)!;
    assert.equal(atProvider.authorizations, 1, 'the provider did authorize; only its answer was lost');
    assert.equal(atProvider.status, 'voided', 'and the authorization did not survive');
    const row = await rig.db.selectFrom('payment_intents').select(['void_pending', 'authorizing']).where('id', '=', intent.id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { void_pending: false, authorizing: false });

    const [event] = await outboxEvents(rig, paymentFailed.type, intent.id);
    assert.equal(event!.data.failure!.code, 'provider-timeout');
    assert.deepEqual((await ok(rig, 'GET', '/api/payments/ledger?orderId=ord_timeout')).items, [], 'nothing was ever held in the ledger');
    assert.equal((await ok(rig, 'POST', `/api/payments/intents/${intent.id}/void`)).status, 'failed', 'a void is a no-op');
  });

  it('finishes an authorization a crash left unanswered, with the same provider key (no second authorization)', async () => {
    const id = newId('pay');
    // As if the process died after inserting the intent and asking the provider.
    await insertIntent(rig.db, {
      id, reference: 'chk_crashed', orderId: 'ord_crashed', accountId: null, amount: 1500, currency: 'EUR',
      card: rig.provider.tokenize({ number: CARDS.approve }), provider: 'test',
    });
    const controller = new AbortController();
    await rig.provider.authorize({ key: `${id}:authorize`, intentId: id, amount: 1500, currency: 'EUR', cardToken: 'tok_test_approve' }, controller.signal);

    assert.equal(await recoverUnfinished(rig.payments), 0, 'work younger than a provider timeout is left to its request');
    await sql`update payment_intents set updated_at = now() - interval '1 hour' where id = ${id}`.execute(rig.db);
    assert.equal(await recoverUnfinished(rig.payments), 1);
    assert.equal(await recoverUnfinished(rig.payments), 0, 'nothing left');

    const intent = await ok(rig, 'GET', `/api/payments/intents/${id}`);
    assert.equal(intent.status, 'authorized');
    assert.equal(rig.provider.payment(id)!.authorizations, 1);
    assert.equal((await outboxEvents(rig, paymentAuthorized.type, id)).length, 1);
    const again = await rig.createIntent({ reference: 'chk_crashed', orderId: 'ord_crashed', amount: 1500, accountId: null });
    assert.equal(again.statusCode, 200);
    assert.equal(again.json().id, id);
  });

  it('completes a refund a crash left pending, once, and holds its amount against further refunds meanwhile', async () => {
    const intent = await created(rig, { amount: 1000, orderId: 'ord_refund_crash' });
    await ok(rig, 'POST', `/api/payments/intents/${intent.id}/capture`, { body: {} });
    // As if the process died after holding the refund and before the provider's answer was applied.
    const refundId = await rig.db.transaction().execute((tx) => insertPendingRefund(tx, intent.id, 600, 'crashed'));
    const meanwhile = await rig.request('POST', `/api/payments/intents/${intent.id}/refunds`, { token: rig.writer, body: { amount: 500 } });
    assert.equal(meanwhile.statusCode, 409, 'only 400 are left while 600 are pending');
    assert.equal(meanwhile.json().refundable, 400);

    await sql`update refunds set created_at = now() - interval '1 hour' where id = ${refundId}`.execute(rig.db);
    assert.equal(await recoverUnfinished(rig.payments), 1);
    assert.equal(await recoverUnfinished(rig.payments), 0);
    const after = await ok(rig, 'GET', `/api/payments/intents/${intent.id}`);
    assert.equal(after.refundedAmount, 600);
    assert.deepEqual(after.refunds.map((r: any) => [r.id, r.amount, r.reason]), [[refundId, 600, 'crashed']]);
    assert.equal(rig.provider.payment(intent.id)!.refunded, 600);
    assert.equal((await outboxEvents(rig, paymentRefunded.type, intent.id)).length, 1);
    assert.equal((await ok(rig, 'GET', '/api/payments/reconciliation?orderId=ord_refund_crash')).balanced, true);
  });

  it('lets a client that retries a create during a slow authorization wait for its outcome', async () => {
    const body = { reference: 'chk_slow', orderId: 'ord_slow', card: { number: CARDS.timeout } };
    const [first, second] = await Promise.all([rig.createIntent(body), rig.createIntent(body)]);
    assert.deepEqual([first.statusCode, second.statusCode].sort(), [200, 201]);
    assert.equal(second.json().id, first.json().id);
    assert.equal(second.json().status, 'failed');
    assert.equal(rig.provider.payment(first.json().id)!.authorizations, 1);
  });
});
