import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestService } from '@mercato/testing';
import { ok, startPricing } from './helpers.ts';
import { addCoupons, assertProblem, createPromotion, PROMOTIONS, promotionShop, quote, REDEMPTIONS } from './promotion-helpers.ts';

const HOUR = 3600_000;
const percentOff = (percent: number) => ({ type: 'percent-off-order', percent });

describe('pricing: coupons and redemptions', () => {
  let svc: TestService;
  let staff: string;
  let checkout: string;
  let customer: string;

  before(async () => {
    svc = await startPricing();
    staff = await svc.issuer.mint({ sub: 'acct_staff', roles: ['pricing-manager'] });
    checkout = await svc.issuer.mint({ sub: 'checkout-client', clientId: 'checkout-client', scope: 'pricing:write' });
    customer = await svc.issuer.mint({ sub: 'acct_first', roles: ['customer'] });
    await promotionShop(svc, staff);
  });
  after(() => svc.stop());

  const redeem = (body: Record<string, unknown>, headers?: Record<string, string>, token = checkout) => svc.request('POST', REDEMPTIONS, { token, body, headers });
  const usesOf = async (promotionId: string, code: string) => (await ok(svc, 'GET', `${PROMOTIONS}/${promotionId}/coupons`, staff)).items.find((c: any) => c.code === code).uses;

  it('adds given codes (unique, case-insensitively) and generated ones; only to coupon promotions', async () => {
    const promotion = await createPromotion(svc, staff, { code: 'codes', conditions: [{ type: 'coupon' }], action: percentOff(5) });
    const [created] = await addCoupons(svc, staff, promotion.id, { codes: ['Welcome-5'], maxUses: 10 });
    assert.deepEqual([created.code, created.maxUses, created.uses], ['WELCOME-5', 10, 0]);
    const url = `${PROMOTIONS}/${promotion.id}/coupons`;
    assertProblem(await svc.request('POST', url, { token: staff, body: { codes: ['NEW-ONE', 'welcome-5'] } }), 409, 'coupon-code-taken', 'body/codes/1');
    assertProblem(await svc.request('POST', url, { token: staff, body: { codes: ['AB1', 'ab1'] } }), 400, 'repeated-coupon', 'body/codes/1');
    assertProblem(await svc.request('POST', url, { token: staff, body: { codes: ['no spaces'] } }), 400, 'validation-failed', 'body/codes/0');
    assert.equal((await ok(svc, 'GET', url, staff)).items.length, 1, 'nothing of a refused request was stored');

    const generated = await addCoupons(svc, staff, promotion.id, { generate: { count: 25, prefix: 'vip' }, maxUses: 1 });
    assert.equal(generated.length, 25);
    assert.equal(new Set(generated.map((c: any) => c.code)).size, 25);
    for (const coupon of generated) assert.match(coupon.code, /^VIP-[A-Z2-9]{10}$/);

    const automatic = await createPromotion(svc, staff, { code: 'automatic', action: percentOff(5), active: false });
    assertProblem(await svc.request('POST', `${PROMOTIONS}/${automatic.id}/coupons`, { token: staff, body: { codes: ['AUTO'] } }), 409, 'coupons-not-accepted');
  });

  it('reserves a use (Idempotency-Key replays), releases it (repeatable), and refuses to commit a released one', async () => {
    const promotion = await createPromotion(svc, staff, { code: 'limited', conditions: [{ type: 'coupon' }], action: percentOff(10) });
    await addCoupons(svc, staff, promotion.id, { codes: ['LIMITED'], maxUses: 2 });
    const body = { code: 'limited', accountId: 'acct_a', reference: 'cart-1' };
    const first = await redeem(body, { 'idempotency-key': 'redeem-1' });
    assert.equal(first.statusCode, 201, first.body);
    const redemption = first.json();
    assert.deepEqual([redemption.code, redemption.promotionCode, redemption.status, redemption.reference], ['LIMITED', 'limited', 'reserved', 'cart-1']);
    const replay = await redeem(body, { 'idempotency-key': 'redeem-1' });
    assert.equal(replay.headers['idempotent-replayed'], 'true');
    assert.equal(replay.json().id, redemption.id);
    assert.equal(await usesOf(promotion.id, 'LIMITED'), 1, 'a replay reserves nothing more');
    assertProblem(await redeem(body, { 'idempotency-key': 'redeem-2' }), 409, 'coupon-already-redeemed', 'body/reference');

    const release = () => svc.request('POST', `${REDEMPTIONS}/${redemption.id}/release`, { token: checkout });
    assert.equal((await release()).json().status, 'released');
    assert.equal((await release()).statusCode, 200);
    assert.equal(await usesOf(promotion.id, 'LIMITED'), 0, 'released once, restored once');
    assertProblem(await svc.request('POST', `${REDEMPTIONS}/${redemption.id}/commit`, { token: checkout }), 409, 'redemption-released');
    assert.equal((await redeem(body)).statusCode, 201, 'the cart may redeem again after its release');
    assertProblem(await svc.request('POST', `${REDEMPTIONS}/redm_missing/release`, { token: checkout }), 404, 'redemption-not-found');
    assertProblem(await redeem({ ...body, reference: 'cart-9' }, undefined, customer), 403, 'forbidden');
  });

  it('refuses unknown, expired, not-started and inactive coupons with a 422 naming the code; exhausted ones with a 409', async () => {
    const now = Date.now();
    const expired = await createPromotion(svc, staff, { code: 'expired', conditions: [{ type: 'coupon' }], validTo: new Date(now - HOUR).toISOString(), action: percentOff(10) });
    const future = await createPromotion(svc, staff, { code: 'future', conditions: [{ type: 'coupon' }], validFrom: new Date(now + HOUR).toISOString(), action: percentOff(10) });
    const inactive = await createPromotion(svc, staff, { code: 'inactive', conditions: [{ type: 'coupon' }], active: false, action: percentOff(10) });
    const single = await createPromotion(svc, staff, { code: 'single', conditions: [{ type: 'coupon' }], action: percentOff(10) });
    await addCoupons(svc, staff, expired.id, { codes: ['EXPIRED'] });
    await addCoupons(svc, staff, future.id, { codes: ['FUTURE'] });
    await addCoupons(svc, staff, inactive.id, { codes: ['INACTIVE'] });
    await addCoupons(svc, staff, single.id, { codes: ['SINGLE'], maxUses: 1 });
    const attempt = (code: string, reference = 'order-x') => redeem({ code, accountId: 'acct_b', reference });

    assertProblem(await attempt('NOPE'), 422, 'unknown-coupon', 'body/code');
    assert.match(assertProblem(await attempt('expired'), 422, 'coupon-expired', 'body/code').detail, /ended/);
    assertProblem(await attempt('FUTURE'), 422, 'coupon-not-started', 'body/code');
    assertProblem(await attempt('INACTIVE'), 422, 'coupon-inactive', 'body/code');
    assert.equal((await attempt('SINGLE', 'order-1')).statusCode, 201);
    assertProblem(await attempt('SINGLE', 'order-2'), 409, 'coupon-exhausted', 'body/code');
    assert.equal((await quote(svc, [['TEE', 1]], { coupons: ['single'] })).coupons[0].reason, 'usage-exhausted');
    assert.equal((await quote(svc, [['TEE', 1]], { coupons: ['single'], reference: 'order-1' })).coupons[0].applied, true, 'the order holding the use still sees it apply');
    assert.deepEqual([await usesOf(expired.id, 'EXPIRED'), await usesOf(single.id, 'SINGLE')], [0, 1]);
  });

  it('enforces the per-customer limit and says so in the quote', async () => {
    const promotion = await createPromotion(svc, staff, { code: 'welcome', conditions: [{ type: 'coupon' }], perCustomerLimit: 1, action: percentOff(10) });
    await addCoupons(svc, staff, promotion.id, { codes: ['WELCOME'] });
    assert.equal((await quote(svc, [['TEE', 1]], { coupons: ['WELCOME'] }, customer)).discountTotal, 200);
    assert.equal((await redeem({ code: 'WELCOME', accountId: 'acct_first', reference: 'order-1' })).statusCode, 201);
    assertProblem(await redeem({ code: 'WELCOME', accountId: 'acct_first', reference: 'order-2' }), 409, 'coupon-customer-limit-reached', 'body/accountId');
    assert.equal((await redeem({ code: 'WELCOME', accountId: 'acct_other', reference: 'order-3' })).statusCode, 201, 'another customer still may');
    const q = await quote(svc, [['TEE', 1]], { coupons: ['welcome'] }, customer);
    assert.deepEqual([q.discountTotal, q.coupons[0].reason], [0, 'customer-limit-reached']);
    const own = await quote(svc, [['TEE', 1]], { coupons: ['welcome'], reference: 'order-1' }, customer);
    assert.equal(own.discountTotal, 200, "re-quoting order-1 itself: its own redemption does not count against it");
  });

  it('first order: true until a redemption of the account is committed (the read model today)', async () => {
    const firstOrder = await createPromotion(svc, staff, { code: 'first-order', conditions: [{ type: 'first-order' }], action: percentOff(15) });
    const newcomer = await createPromotion(svc, staff, { code: 'newcomer', conditions: [{ type: 'coupon' }, { type: 'first-order' }], action: { type: 'free-shipping' } });
    await addCoupons(svc, staff, newcomer.id, { codes: ['NEWCOMER'] });

    assert.equal((await quote(svc, [['TEE', 1]])).discounts.length, 0, 'a guest: unknown history, no first-order discount');
    const before = await quote(svc, [['TEE', 1]], { coupons: ['NEWCOMER'] }, customer);
    assert.deepEqual(before.discounts.map((d: any) => [d.code, d.amount, d.why]), [['first-order', 300, ['first order of the customer']], ['newcomer', 495, ['coupon NEWCOMER', 'first order of the customer']]]);

    const reserved = (await redeem({ code: 'NEWCOMER', accountId: 'acct_first', reference: 'order-first' })).json();
    const commit = () => svc.request('POST', `${REDEMPTIONS}/${reserved.id}/commit`, { token: checkout });
    assert.equal((await commit()).json().status, 'committed');
    assert.equal((await commit()).json().status, 'committed', 'repeatable');

    const afterwards = await quote(svc, [['TEE', 1]], { coupons: ['NEWCOMER'] }, customer);
    assert.deepEqual(afterwards.discounts, []);
    assert.deepEqual([afterwards.coupons[0].reason, afterwards.coupons[0].detail], ['conditions-unmet', 'the customer has ordered before']);
    const again = await redeem({ code: 'NEWCOMER', accountId: 'acct_first', reference: 'order-second' });
    assertProblem(again, 422, 'coupon-conditions-unmet', 'body/accountId');
    await ok(svc, 'DELETE', `${PROMOTIONS}/${firstOrder.id}`, staff, undefined, 204);
  });
});
