import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { paymentCaptured, paymentRefunded, paymentVoided } from '@mercato/contracts';
import { Value } from '@sinclair/typebox/value';
import { assertProblem, CARDS, created, ok, outboxEvents, startPayments, type PaymentsRig } from './helpers.ts';

describe('capture, void and refunds', () => {
  let rig: PaymentsRig;
  before(async () => {
    rig = await startPayments();
  });
  after(() => rig.stop());

  const capture = (id: string, body?: Record<string, unknown>) => rig.request('POST', `/api/payments/intents/${id}/capture`, { token: rig.writer, body });
  const voidIt = (id: string) => rig.request('POST', `/api/payments/intents/${id}/void`, { token: rig.writer });
  const refund = (id: string, body: Record<string, unknown>, headers?: Record<string, string>) =>
    rig.request('POST', `/api/payments/intents/${id}/refunds`, { token: rig.writer, body, headers });

  it('captures all of an authorization once, however often it is asked', async () => {
    const intent = await created(rig, { amount: 3000 });
    const first = await capture(intent.id); // no body: everything
    assert.equal(first.statusCode, 200, first.body);
    assert.equal(first.json().status, 'captured');
    assert.equal(first.json().capturedAmount, 3000);
    const again = await capture(intent.id, {});
    assert.equal(again.statusCode, 200);
    assert.deepEqual(again.json(), first.json());
    assert.deepEqual((await capture(intent.id, { amount: 3000 })).json(), first.json(), 'the same amount again is a repeat too');
    assertProblem(await capture(intent.id, { amount: 1000 }), 409, 'already-captured');
    const events = await outboxEvents(rig, paymentCaptured.type, intent.id);
    assert.equal(events.length, 1);
    assert.ok(Value.Check(paymentCaptured.schema, events[0]!.data));
    assert.equal(rig.provider.payment(intent.id)!.captured, 3000);
    assert.equal(rig.provider.performed.capture, 1, 'the repeats never reached the provider');
  });

  it('captures part of an authorization and releases the rest', async () => {
    const intent = await created(rig, { amount: 5000, orderId: 'ord_partial' });
    assertProblem(await capture(intent.id, { amount: 5001 }), 422, 'capture-exceeds-authorized');
    assertProblem(await capture(intent.id, { amount: 0 }), 400, 'validation-failed');
    const captured = await capture(intent.id, { amount: 3500 });
    assert.equal(captured.statusCode, 200, captured.body);
    assert.equal(captured.json().capturedAmount, 3500);
    const ledger = await ok(rig, 'GET', '/api/payments/ledger?orderId=ord_partial');
    assert.deepEqual(
      ledger.items.map((e: any) => [e.kind, e.debitAccount, e.creditAccount, e.amount]),
      [
        ['authorization', 'authorization-holds', 'customer-cards', 5000],
        ['capture', 'provider-receivable', 'authorization-holds', 3500],
        ['release', 'customer-cards', 'authorization-holds', 1500],
      ],
    );
  });

  it('voids an authorization (repeatably), after which it cannot be captured', async () => {
    const intent = await created(rig, { orderId: 'ord_void' });
    const voided = await voidIt(intent.id);
    assert.equal(voided.statusCode, 200, voided.body);
    assert.equal(voided.json().status, 'voided');
    assert.deepEqual((await voidIt(intent.id)).json(), voided.json());
    assert.equal((await outboxEvents(rig, paymentVoided.type, intent.id)).length, 1);
    assert.equal(rig.provider.payment(intent.id)!.status, 'voided');
    assertProblem(await capture(intent.id), 409, 'intent-voided');
    const ledger = await ok(rig, 'GET', '/api/payments/ledger?orderId=ord_void');
    assert.deepEqual(ledger.items.map((e: any) => [e.kind, e.amount]), [['authorization', 2500], ['void', 2500]]);
  });

  it('leaves declined intents alone on void, and refuses to void a captured one', async () => {
    const declined = await created(rig, { card: { number: CARDS.decline } });
    const answer = await voidIt(declined.id);
    assert.equal(answer.statusCode, 200);
    assert.equal(answer.json().status, 'declined');
    assertProblem(await capture(declined.id), 409, 'intent-not-authorized');

    const intent = await created(rig);
    await capture(intent.id);
    assertProblem(await voidIt(intent.id), 409, 'intent-captured');
    assertProblem(await voidIt('pay_nope'), 404, 'intent-not-found');
  });

  it('ends racing captures and voids in one consistent state, as the provider decided', async () => {
    for (let round = 0; round < 5; round++) {
      const intent = await created(rig, { amount: 1000, orderId: `ord_race_${round}` });
      const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => (i % 2 === round % 2 ? capture(intent.id) : voidIt(intent.id))));
      assert.ok(answers.every((a) => a.statusCode === 200 || a.statusCode === 409), String(answers.map((a) => a.statusCode)));
      const final = await ok(rig, 'GET', `/api/payments/intents/${intent.id}`);
      assert.ok(['captured', 'voided'].includes(final.status));
      assert.equal(rig.provider.payment(intent.id)!.status, final.status, 'the intent says what the provider did');
      const report = await ok(rig, 'GET', `/api/payments/reconciliation?orderId=ord_race_${round}`);
      assert.equal(report.balanced, true);
      assert.equal(report.orders[0].held, 0);
      const events = [...(await outboxEvents(rig, paymentCaptured.type, intent.id)), ...(await outboxEvents(rig, paymentVoided.type, intent.id))];
      assert.equal(events.length, 1, 'one closing event');
    }
  });

  it('captures once when captures of different amounts race', async () => {
    const intent = await created(rig, { amount: 1000 });
    const answers = await Promise.all([400, 500, 600, 700].map((amount) => capture(intent.id, { amount })));
    const won = answers.filter((a) => a.statusCode === 200);
    assert.equal(won.length, 1, String(answers.map((a) => a.statusCode)));
    for (const lost of answers.filter((a) => a.statusCode !== 200)) assert.ok(['already-captured', 'conflict'].includes(assertProblem(lost, 409, lost.json().code).code));
    assert.equal(rig.provider.payment(intent.id)!.captured, won[0]!.json().capturedAmount);
    assert.equal((await outboxEvents(rig, paymentCaptured.type, intent.id)).length, 1);
  });

  it('keeps an intent authorized when the provider refuses the capture (402), and a retry does not capture twice', async () => {
    const intent = await created(rig, { card: { number: CARDS.captureFails } });
    assert.equal(intent.status, 'authorized');
    const before = rig.provider.performed.capture;
    const refused = assertProblem(await capture(intent.id), 402, 'capture-failed');
    assert.equal(refused.intentId, intent.id);
    const after = await ok(rig, 'GET', `/api/payments/intents/${intent.id}`);
    assert.equal(after.status, 'authorized');
    assert.equal(after.failure.code, 'capture-failed');
    assertProblem(await capture(intent.id), 402, 'capture-failed');
    assert.equal(rig.provider.performed.capture - before, 1, 'the retry replayed the provider key');
    assert.equal((await outboxEvents(rig, paymentCaptured.type, intent.id)).length, 0);
    assert.equal((await voidIt(intent.id)).json().status, 'voided', 'it can still be voided');
  });

  it('refunds in parts up to what was captured, never more', async () => {
    const intent = await created(rig, { amount: 1000, orderId: 'ord_refund' });
    assertProblem(await refund(intent.id, { amount: 100 }), 409, 'intent-not-captured');
    await capture(intent.id, { amount: 800 });

    const first = await refund(intent.id, { amount: 300, reason: 'damaged' });
    assert.equal(first.statusCode, 201, first.body);
    assert.match(first.json().id, /^rfd_/);
    assert.deepEqual({ amount: first.json().amount, reason: first.json().reason }, { amount: 300, reason: 'damaged' });
    assert.equal(first.json().intent.status, 'partially_refunded');
    assert.equal(first.json().intent.refundedAmount, 300);

    const tooMuch = assertProblem(await refund(intent.id, { amount: 501 }), 409, 'refund-exceeds-captured');
    assert.equal(tooMuch.refundable, 500);
    assertProblem(await refund(intent.id, { amount: 0 }), 400, 'validation-failed');

    const rest = await refund(intent.id, { amount: 500 });
    assert.equal(rest.statusCode, 201);
    const intentAfter = rest.json().intent;
    assert.equal(intentAfter.status, 'refunded');
    assert.equal(intentAfter.refundedAmount, 800);
    assert.deepEqual(intentAfter.refunds.map((r: any) => [r.amount, r.reason]), [[300, 'damaged'], [500, null]]);
    assertProblem(await refund(intent.id, { amount: 1 }), 409, 'refund-exceeds-captured');

    const events = await outboxEvents(rig, paymentRefunded.type, intent.id);
    assert.deepEqual(events.map((e) => [e.data.refund.amount, e.data.refundedAmount, e.data.status]), [[300, 300, 'partially_refunded'], [500, 800, 'refunded']]);
    assert.ok(events.every((e) => Value.Check(paymentRefunded.schema, e.data)));
    assert.equal(rig.provider.payment(intent.id)!.refunded, 800);
  });

  it('never over-refunds when refunds race: exactly what fits goes through', async () => {
    const intent = await created(rig, { amount: 1000, orderId: 'ord_refund_race' });
    await capture(intent.id);
    const answers = await Promise.all(Array.from({ length: 10 }, () => refund(intent.id, { amount: 300 })));
    const statuses = answers.map((a) => a.statusCode);
    assert.equal(statuses.filter((s) => s === 201).length, 3, String(statuses));
    for (const answer of answers.filter((a) => a.statusCode !== 201)) assertProblem(answer, 409, 'refund-exceeds-captured');
    const final = await ok(rig, 'GET', `/api/payments/intents/${intent.id}`);
    assert.equal(final.refundedAmount, 900);
    assert.equal(final.refunds.length, 3);
    assert.equal(rig.provider.payment(intent.id)!.refunded, 900);
    const ledger = await ok(rig, 'GET', '/api/payments/ledger?orderId=ord_refund_race');
    assert.equal(ledger.items.filter((e: any) => e.kind === 'refund').reduce((sum: number, e: any) => sum + e.amount, 0), 900);
  });

  it('replays a refund with the same Idempotency-Key instead of refunding twice', async () => {
    const intent = await created(rig, { amount: 1000 });
    await capture(intent.id);
    const headers = { 'idempotency-key': 'refund-ticket-55' };
    const first = await refund(intent.id, { amount: 400 }, headers);
    const again = await refund(intent.id, { amount: 400 }, headers);
    assert.equal(again.headers['idempotent-replayed'], 'true');
    assert.equal(again.json().id, first.json().id);
    assert.equal((await ok(rig, 'GET', `/api/payments/intents/${intent.id}`)).refundedAmount, 400);
    assert.equal(rig.provider.payment(intent.id)!.refunds, 1);
  });
});
