import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestService } from '@mercato/testing';
import { sql, type Kysely } from 'kysely';
import { startPricing } from './helpers.ts';
import { addCoupons, assertProblem, createPromotion, promotionShop, REDEMPTIONS } from './promotion-helpers.ts';

describe('pricing: coupon redemptions under concurrency', () => {
  let svc: TestService;
  let staff: string;
  let checkout: string;

  before(async () => {
    svc = await startPricing();
    staff = await svc.issuer.mint({ sub: 'acct_staff', roles: ['pricing-manager'] });
    checkout = await svc.issuer.mint({ sub: 'checkout-client', clientId: 'checkout-client', scope: 'pricing:write' });
    await promotionShop(svc, staff);
  });
  after(() => svc.stop());

  const db = () => svc.service.context.db as Kysely<any>;
  const redeem = (code: string, accountId: string, reference: string) =>
    svc.request('POST', REDEMPTIONS, { token: checkout, body: { code, accountId, reference }, headers: { 'idempotency-key': `${code}-${reference}` } });
  const live = async (promotionId: string) =>
    Number((await sql<{ n: string }>`select count(*) as n from redemptions where promotion_id = ${promotionId} and status <> 'released'`.execute(db())).rows[0]!.n);
  const couponUses = async (code: string) => Number((await sql<{ uses: number }>`select uses from coupons where code = ${code}`.execute(db())).rows[0]!.uses);

  it('lets exactly 100 of 300 concurrent redemptions of a 100-use coupon through; the counter matches', async () => {
    const promotion = await createPromotion(svc, staff, { code: 'hundred', conditions: [{ type: 'coupon' }], action: { type: 'percent-off-order', percent: 10 } });
    await addCoupons(svc, staff, promotion.id, { codes: ['HUNDRED'], maxUses: 100 });

    const answers = await Promise.all(Array.from({ length: 300 }, (_, i) => redeem('hundred', `acct_${i}`, `order-${i}`)));
    const succeeded = answers.filter((a) => a.statusCode === 201);
    assert.equal(succeeded.length, 100);
    for (const refused of answers.filter((a) => a.statusCode !== 201)) assertProblem(refused, 409, 'coupon-exhausted');
    assert.equal(new Set(succeeded.map((a) => a.json().id)).size, 100);
    assert.equal(await couponUses('HUNDRED'), 100);
    assert.equal(await live(promotion.id), 100);
  });

  it('keeps the per-customer limit exact when each of 10 customers tries 20 times at once', async () => {
    const promotion = await createPromotion(svc, staff, { code: 'thrice', conditions: [{ type: 'coupon' }], perCustomerLimit: 3, action: { type: 'percent-off-order', percent: 10 } });
    await addCoupons(svc, staff, promotion.id, { codes: ['THRICE'] });

    const attempts = Array.from({ length: 200 }, (_, i) => ({ account: `acct_${i % 10}`, reference: `cart-${i}` }));
    const answers = await Promise.all(attempts.map((a) => redeem('THRICE', a.account, a.reference)));
    const perAccount = new Map<string, number>();
    answers.forEach((answer, i) => {
      if (answer.statusCode === 201) perAccount.set(attempts[i]!.account, (perAccount.get(attempts[i]!.account) ?? 0) + 1);
      else assertProblem(answer, 409, 'coupon-customer-limit-reached');
    });
    assert.deepEqual([...perAccount.values()], Array(10).fill(3));
    const { rows } = await sql<{ uses: number }>`select uses from promotion_account_uses where promotion_id = ${promotion.id}`.execute(db());
    assert.deepEqual(rows.map((r) => r.uses), Array(10).fill(3));
    assert.equal(await couponUses('THRICE'), 30);
    assert.equal(await live(promotion.id), 30);
  });

  it('keeps the counter exact while releases and new redemptions race', async () => {
    const promotion = await createPromotion(svc, staff, { code: 'churn', conditions: [{ type: 'coupon' }], action: { type: 'percent-off-order', percent: 10 } });
    await addCoupons(svc, staff, promotion.id, { codes: ['CHURN'], maxUses: 20 });
    const first = await Promise.all(Array.from({ length: 20 }, (_, i) => redeem('CHURN', `acct_${i}`, `first-${i}`)));
    const ids = first.map((a) => a.json().id as string);

    const results = await Promise.all([
      ...ids.slice(0, 10).flatMap((id) => [1, 2].map(() => svc.request('POST', `${REDEMPTIONS}/${id}/release`, { token: checkout }))),
      ...Array.from({ length: 30 }, (_, i) => redeem('CHURN', `acct_new_${i}`, `second-${i}`)),
    ]);
    assert.ok(results.slice(0, 20).every((r) => r.statusCode === 200), 'every release (and its repeat) answers 200');
    const newlyRedeemed = results.slice(20).filter((r) => r.statusCode === 201).length;
    assert.ok(newlyRedeemed <= 10);
    assert.equal(await couponUses('CHURN'), 10 + newlyRedeemed);
    assert.equal(await live(promotion.id), 10 + newlyRedeemed);
  });
});
