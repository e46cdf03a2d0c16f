import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InvalidWebhookError, UnsupportedCardError } from '../src/provider/provider.ts';
import { TestPaymentProvider } from '../src/provider/test-provider.ts';
import { signWebhook, verifyWebhookSignature } from '../src/provider/webhook-signature.ts';
import { CARDS } from './helpers.ts';

const SECRET = 'a-webhook-secret-of-some-length';

function sandbox(deliver: (body: string, headers: Record<string, string>) => Promise<void> = async () => {}) {
  return new TestPaymentProvider({ webhookSecret: SECRET, webhookToleranceSeconds: 300, timeoutSleepMs: 5000, webhookDelayMs: 10, deliver });
}

const signal = new AbortController().signal;

describe('the test payment provider', () => {
  it('keeps only brand and last four digits of a card, and refuses numbers it does not know', () => {
    const provider = sandbox();
    const card = provider.tokenize({ number: CARDS.approve, cvc: '123' });
    assert.deepEqual(card, { brand: 'visa', last4: '4242', token: 'tok_test_approve' });
    assert.throws(() => provider.tokenize({ number: '5555555555554444' }), (error: Error) => error instanceof UnsupportedCardError && !error.message.includes('5555555555554444'));
  });

  it('answers a repeated operation with the same key from its record, never moving money twice', async () => {
    const provider = sandbox();
    const token = provider.tokenize({ number: CARDS.approve }).token;
    const authorize = { key: 'pay_1:authorize', intentId: 'pay_1', amount: 1000, currency: 'EUR', cardToken: token };
    const first = await provider.authorize(authorize, signal);
    assert.deepEqual(await provider.authorize(authorize, signal), first);
    assert.equal(provider.payment('pay_1')!.authorizations, 1);

    const capture = { key: 'pay_1:capture', intentId: 'pay_1', providerRef: 'x', amount: 1000 };
    assert.deepEqual(await provider.capture(capture, signal), { outcome: 'captured', amount: 1000 });
    assert.deepEqual(await provider.capture(capture, signal), { outcome: 'captured', amount: 1000 });
    assert.equal(provider.payment('pay_1')!.captured, 1000);

    const refund = { key: 'pay_1:refund:rfd_1', intentId: 'pay_1', providerRef: 'x', amount: 600 };
    const refunded = await provider.refund(refund, signal);
    assert.deepEqual(await provider.refund(refund, signal), refunded);
    assert.equal(provider.payment('pay_1')!.refunded, 600);
    assert.equal(provider.payment('pay_1')!.refunds, 1);
    const tooMuch = await provider.refund({ ...refund, key: 'pay_1:refund:rfd_2', amount: 401 }, signal);
    assert.equal(tooMuch.outcome, 'failed');
    assert.deepEqual(provider.performed, { authorize: 1, capture: 1, void: 0, refund: 2 });

    await assert.rejects(provider.capture({ ...capture, amount: 10 }, signal), /other parameters/);
  });

  it('refuses to authorize a payment that was voided before its authorization arrived', async () => {
    const provider = sandbox();
    assert.deepEqual(await provider.void({ key: 'pay_2:void', intentId: 'pay_2', providerRef: null }, signal), { outcome: 'voided' });
    const answer = await provider.authorize({ key: 'pay_2:authorize', intentId: 'pay_2', amount: 10, currency: 'EUR', cardToken: 'tok_test_approve' }, signal);
    assert.equal(answer.outcome, 'declined');
    assert.equal(provider.payment('pay_2')!.authorizations, 0);
  });

  it('keeps the caller of the timeout card waiting until it gives up', async () => {
    const provider = sandbox();
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 50);
    await assert.rejects(provider.authorize({ key: 'pay_3:authorize', intentId: 'pay_3', amount: 10, currency: 'EUR', cardToken: 'tok_test_timeout' }, controller.signal));
    assert.ok(Date.now() - started < 1000);
    assert.equal(provider.payment('pay_3')!.status, 'authorized', 'the provider authorized all the same');
  });

  it('sends a signed approval for the pending card, which it verifies as its own', async () => {
    const delivered: Array<{ body: string; headers: Record<string, string> }> = [];
    const provider = sandbox(async (body, headers) => void delivered.push({ body, headers }));
    const answer = await provider.authorize({ key: 'pay_4:authorize', intentId: 'pay_4', amount: 10, currency: 'EUR', cardToken: 'tok_test_pending' }, signal);
    assert.equal(answer.outcome, 'pending');
    await new Promise((resolve) => setTimeout(resolve, 60));
    assert.equal(delivered.length, 1);
    const event = provider.parseWebhook(delivered[0]!.body, delivered[0]!.headers);
    assert.deepEqual({ type: event.type, intentId: event.intentId }, { type: 'authorization.succeeded', intentId: 'pay_4' });
    assert.throws(() => provider.parseWebhook(delivered[0]!.body.replace('pay_4', 'pay_5'), delivered[0]!.headers), InvalidWebhookError);
    provider.close();
  });

  it('signs webhooks over timestamp and body, within a tolerance', () => {
    const now = Date.now();
    const signature = signWebhook('{"a":1}', SECRET, now);
    assert.match(signature, /^t=\d+,v1=[0-9a-f]{64}$/);
    assert.equal(verifyWebhookSignature('{"a":1}', signature, SECRET, 300, now), true);
    assert.equal(verifyWebhookSignature('{"a":2}', signature, SECRET, 300, now), false);
    assert.equal(verifyWebhookSignature('{"a":1}', signature, 'another-secret-entirely', 300, now), false);
    assert.equal(verifyWebhookSignature('{"a":1}', signature, SECRET, 300, now + 301_000), false);
    assert.equal(verifyWebhookSignature('{"a":1}', undefined, SECRET, 300, now), false);
  });
});
