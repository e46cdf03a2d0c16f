import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { paymentAuthorized } from '@mercato/contracts';
import { eventually } from '@mercato/testing';
import { signWebhook } from '../src/provider/webhook-signature.ts';
import { assertProblem, CARDS, created, ok, outboxEvents, startPayments, TEST_ENV, type PaymentsRig } from './helpers.ts';

const SECRET = TEST_ENV.PAYMENTS_WEBHOOK_SECRET;

describe('provider webhooks', () => {
  let rig: PaymentsRig;
  before(async () => {
    // Long enough that the create has answered `pending` before the approval arrives, even on a busy machine.
    rig = await startPayments({ PAYMENTS_TEST_WEBHOOK_DELAY_MS: '400' });
  });
  after(() => rig.stop());

  const deliver = (body: string, signature?: string) =>
    rig.request('POST', '/api/payments/webhooks/test', { body, headers: { 'content-type': 'application/json', ...(signature ? { 'mercato-signature': signature } : {}) } });

  it('authorizes a pending card when the provider approves it by signed webhook', async () => {
    const intent = await created(rig, { card: { number: CARDS.pending }, orderId: 'ord_pending' });
    assert.equal(intent.status, 'pending');
    assert.deepEqual((await ok(rig, 'GET', '/api/payments/ledger?orderId=ord_pending')).items, [], 'nothing held yet');
    assert.equal((await outboxEvents(rig, paymentAuthorized.type, intent.id)).length, 0);

    await eventually(async () => (await ok(rig, 'GET', `/api/payments/intents/${intent.id}`)).status === 'authorized', 3000);
    assert.equal((await outboxEvents(rig, paymentAuthorized.type, intent.id)).length, 1);
    const ledger = await ok(rig, 'GET', '/api/payments/ledger?orderId=ord_pending');
    assert.deepEqual(ledger.items.map((e: any) => [e.kind, e.amount]), [['authorization', 2500]]);
    const captured = await ok(rig, 'POST', `/api/payments/intents/${intent.id}/capture`, { body: {} });
    assert.equal(captured.status, 'captured');
  });

  it('refuses a webhook with a missing, wrong, stale or foreign signature (401 problem), changing nothing', async () => {
    const intent = await created(rig, { card: { number: CARDS.pending } });
    await ok(rig, 'POST', `/api/payments/intents/${intent.id}/void`);
    const body = JSON.stringify({ id: 'tev_forged', type: 'authorization.succeeded', intentId: intent.id, providerRef: 'tpay_forged' });
    assertProblem(await deliver(body), 401, 'invalid-webhook-signature');
    assertProblem(await deliver(body, signWebhook(body, 'not-the-secret-at-all-0123456789')), 401, 'invalid-webhook-signature');
    assertProblem(await deliver(body, signWebhook(body, SECRET, Date.now() - 3600_000)), 401, 'invalid-webhook-signature');
    assertProblem(await deliver(body.replace('tpay_forged', 'tpay_other'), signWebhook(body, SECRET)), 401, 'invalid-webhook-signature');
    assertProblem(await deliver(body, 't=1,v1=zz'), 401, 'invalid-webhook-signature');
    assert.equal((await ok(rig, 'GET', `/api/payments/intents/${intent.id}`)).status, 'voided');
  });

  it('accepts a correctly signed webhook, and a repeat or a late one changes nothing', async () => {
    const intent = await created(rig, { card: { number: CARDS.pending } });
    await ok(rig, 'POST', `/api/payments/intents/${intent.id}/void`);
    const body = JSON.stringify({ id: 'tev_late', type: 'authorization.succeeded', intentId: intent.id, providerRef: 'tpay_late' });
    const accepted = await deliver(body, signWebhook(body, SECRET));
    assert.equal(accepted.statusCode, 200, accepted.body);
    assert.deepEqual(accepted.json(), { received: true, eventId: 'tev_late' });
    assert.equal((await ok(rig, 'GET', `/api/payments/intents/${intent.id}`)).status, 'voided', 'a voided intent stays voided');
    assert.equal((await outboxEvents(rig, paymentAuthorized.type, intent.id)).length, 0);
    assert.equal(rig.provider.payment(intent.id)!.status, 'voided', 'the provider never approved it');
  });
});
