import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { promotionUpserted } from '@mercato/contracts';
import type { TestService } from '@mercato/testing';
import { sql, type Kysely } from 'kysely';
import { deliverCustomer, ok, published, startPricing } from './helpers.ts';
import { assertProblem, lineDiscounts, PROMOTIONS, promotionShop, quote, quoteRequest, withPromotions } from './promotion-helpers.ts';

const HOUR = 3600_000;
const percentOff = (percent: number) => ({ type: 'percent-off-order', percent });

describe('pricing: promotions in quotes', () => {
  let svc: TestService;
  let staff: string;
  let vip: string;

  before(async () => {
    svc = await startPricing();
    staff = await svc.issuer.mint({ sub: 'acct_staff', roles: ['pricing-manager'] });
    vip = await svc.issuer.mint({ sub: 'acct_vip', roles: ['customer'] });
    await deliverCustomer(svc, { id: 'cust_vip', accountId: 'acct_vip', effectiveGroups: ['vip'] });
    await promotionShop(svc, staff);
  });
  after(() => svc.stop());

  const countRows = async () => {
    const db = svc.service.context.db as Kysely<any>;
    const { rows } = await sql<{ n: string }>`select (select count(*) from promotions) || '/' || (select count(*) from kit_outbox) as n`.execute(db);
    return rows[0]!.n;
  };

  describe('staff API', () => {
    it('creates, reads (ETag), changes (If-Match) and deletes a promotion, publishing its state', async () => {
      const created = await svc.request('POST', PROMOTIONS, { token: staff, body: { code: 'spring', name: 'Spring', currency: 'EUR', action: percentOff(10), validFrom: '2026-03-01T00:00:00Z', validTo: '2026-06-01T00:00:00Z' } });
      assert.equal(created.statusCode, 201, created.body);
      assert.equal(created.headers.etag, '"1"');
      const promotion = created.json();
      assert.match(promotion.id, /^promo_/);
      assert.deepEqual([promotion.stacking, promotion.priority, promotion.active, promotion.conditions], ['stackable', 0, true, []]);

      const read = await svc.request('GET', `${PROMOTIONS}/${promotion.id}`, { token: staff });
      assert.equal(read.headers.etag, '"1"');
      const url = `${PROMOTIONS}/${promotion.id}`;
      assertProblem(await svc.request('PATCH', url, { token: staff, body: { priority: 5 } }), 428, 'precondition-required');
      assertProblem(await svc.request('PATCH', url, { token: staff, body: { priority: 5 }, headers: { 'if-match': '"7"' } }), 412, 'precondition-failed');
      const patched = await svc.request('PATCH', url, { token: staff, body: { priority: 5, stacking: 'exclusive' }, headers: { 'if-match': '"1"' } });
      assert.equal(patched.statusCode, 200, patched.body);
      assert.deepEqual([patched.json().priority, patched.json().stacking, patched.json().version, patched.headers.etag], [5, 'exclusive', 2, '"2"']);

      const events = (await published(svc, promotionUpserted.type)).filter((e) => e.subject === promotion.id);
      assert.deepEqual(events.map((e) => e.data.version), [1, 2]);
      assertProblem(await svc.request('DELETE', url, { token: staff, headers: { 'if-match': '"1"' } }), 412, 'precondition-failed');
      await ok(svc, 'DELETE', url, staff, undefined, 204);
      assertProblem(await svc.request('GET', url, { token: staff }), 404, 'promotion-not-found');
      assertProblem(await svc.request('GET', PROMOTIONS, { token: vip }), 403, 'forbidden');
    });

    it('refuses invalid definitions with a 4xx naming the field, and changes nothing', async () => {
      const before = await countRows();
      const post = (body: Record<string, unknown>) => svc.request('POST', PROMOTIONS, { token: staff, body: { code: 'bad', name: 'Bad', currency: 'EUR', action: percentOff(10), ...body } });
      assertProblem(await post({ action: percentOff(150) }), 400, 'validation-failed', 'body/action/percent');
      assertProblem(await post({ action: { type: 'fixed-off-order', amount: -500 } }), 400, 'validation-failed', 'body/action/amount');
      assertProblem(await post({ action: { type: 'fixed-off-items', amount: 9.99 } }), 400, 'validation-failed', 'body/action/amount');
      assertProblem(await post({ conditions: [{ type: 'subtotal-at-least', amount: -1 }] }), 400, 'validation-failed', 'body/conditions/0/amount');
      assertProblem(await post({ validFrom: '2026-06-01T00:00:00Z', validTo: '2026-05-01T00:00:00Z' }), 422, 'invalid-promotion', 'body/validTo');
      assertProblem(await post({ currency: null, action: { type: 'fixed-off-order', amount: 500 } }), 422, 'invalid-promotion', 'body/currency');
      assertProblem(await post({ action: { type: 'buy-x-get-y', buy: 2 } }), 422, 'invalid-promotion', 'body/action/get');
      assertProblem(await post({ conditions: [{ type: 'sku-in-cart' }] }), 422, 'invalid-promotion', 'body/conditions/0/skus');
      assertProblem(await post({ perCustomerLimit: 1 }), 422, 'invalid-promotion', 'body/perCustomerLimit');
      assertProblem(await post({ currency: 'XYZ' }), 422, 'unknown-currency', 'body/currency');
      assert.equal(await countRows(), before, 'nothing stored, nothing published');

      const promotion = await ok(svc, 'POST', PROMOTIONS, staff, { code: 'patch-me', name: 'Patch me', currency: 'EUR', action: percentOff(10), validFrom: '2026-03-01T00:00:00Z' }, 201);
      const url = `${PROMOTIONS}/${promotion.id}`;
      const invalid = await svc.request('PATCH', url, { token: staff, body: { validTo: '2026-02-01T00:00:00Z' }, headers: { 'if-match': '"1"' } });
      assertProblem(invalid, 422, 'invalid-promotion', 'body/validTo');
      assert.equal((await ok(svc, 'GET', url, staff)).version, 1);
      assertProblem(await svc.request('POST', PROMOTIONS, { token: staff, body: { code: 'patch-me', name: 'Again', action: percentOff(5) } }), 409, 'promotion-code-taken');
      await ok(svc, 'DELETE', url, staff, undefined, 204);
    });
  });

  describe('conditions', () => {
    it('subtotal at least: the goods before discounts reach the amount', async () => {
      await withPromotions(svc, staff, [{ code: 'over-30', conditions: [{ type: 'subtotal-at-least', amount: 3000 }], action: percentOff(10) }], async () => {
        assert.deepEqual((await quote(svc, [['TEE', 1]])).discounts, []);
        const q = await quote(svc, [['TEE', 2]]);
        assert.equal(q.discountTotal, 400);
        assert.deepEqual(q.discounts[0].why, ['goods subtotal 4000 ≥ 3000']);
      });
    });

    it('SKU in cart, with a minimum quantity', async () => {
      await withPromotions(svc, staff, [{ code: 'two-mugs', conditions: [{ type: 'sku-in-cart', skus: ['MUG'], minQuantity: 2 }], action: percentOff(10) }], async () => {
        assert.equal((await quote(svc, [['MUG', 1], ['TEE', 1]])).discountTotal, 0);
        assert.equal((await quote(svc, [['MUG', 2]])).discountTotal, 200);
      });
    });

    it('category in cart, subcategories included', async () => {
      await withPromotions(svc, staff, [{ code: 'books', conditions: [{ type: 'category-in-cart', categoryIds: ['cat_books'] }], action: percentOff(10) }], async () => {
        assert.equal((await quote(svc, [['MUG', 1]])).discountTotal, 0);
        const q = await quote(svc, [['BOOK', 1], ['MUG', 1]]);
        assert.equal(q.discountTotal, 200);
        assert.deepEqual(q.discounts[0].why, ['BOOK in category cat_books']);
      });
    });

    it('brand in cart', async () => {
      await withPromotions(svc, staff, [{ code: 'acme', conditions: [{ type: 'brand-in-cart', brandIds: ['brand_acme'] }], action: percentOff(10) }], async () => {
        assert.equal((await quote(svc, [['MUG', 1]])).discountTotal, 0);
        assert.equal((await quote(svc, [['SOCK', 1]])).discountTotal, 50);
      });
    });

    it("customer group: the customer's effective groups", async () => {
      await withPromotions(svc, staff, [{ code: 'vip-only', conditions: [{ type: 'customer-group', groups: ['vip'] }], action: percentOff(10) }], async () => {
        assert.equal((await quote(svc, [['TEE', 1]])).discountTotal, 0, 'a guest is in no group');
        const q = await quote(svc, [['TEE', 1]], {}, vip);
        assert.equal(q.discountTotal, 200);
        assert.deepEqual(q.discounts[0].why, ['customer in group vip']);
      });
    });

    it('date window: from validFrom (inclusive) to validTo (exclusive)', async () => {
      const from = new Date(Date.now() + HOUR);
      const to = new Date(Date.now() + 3 * HOUR);
      await withPromotions(svc, staff, [{ code: 'later', validFrom: from.toISOString(), validTo: to.toISOString(), action: percentOff(10) }], async () => {
        assert.equal((await quote(svc, [['TEE', 1]])).discountTotal, 0);
        const inside = await quote(svc, [['TEE', 1]], { at: from.toISOString() });
        assert.equal(inside.discountTotal, 200);
        assert.match(inside.discounts[0].why[0], /^valid 20.* to 20/);
        assert.equal((await quote(svc, [['TEE', 1]], { at: to.toISOString() })).discountTotal, 0);
      });
    });

    it('coupon: only with one of its codes (any case)', async () => {
      await withPromotions(svc, staff, [{ code: 'summer', conditions: [{ type: 'coupon' }], action: percentOff(10) }], async ([summer]) => {
        await ok(svc, 'POST', `${PROMOTIONS}/${summer.id}/coupons`, staff, { codes: ['Summer10'] }, 201);
        assert.equal((await quote(svc, [['TEE', 1]])).discountTotal, 0);
        const q = await quote(svc, [['TEE', 1]], { coupons: ['summer10'] });
        assert.equal(q.discountTotal, 200);
        assert.deepEqual(q.coupons, [{ code: 'summer10', applied: true, promotionCode: 'summer', reason: null, detail: 'coupon SUMMER10' }]);
        assert.equal(q.discounts[0].coupon, 'SUMMER10');
      });
    });
  });

  describe('actions', () => {
    it('percent off the order: spread over the lines in proportion', async () => {
      await withPromotions(svc, staff, [{ code: 'ten', action: percentOff(10) }], async ([ten]) => {
        const q = await quote(svc, [['TEE', 1], ['MUG', 1]]);
        assert.deepEqual(lineDiscounts(q), [200, 100]);
        assert.deepEqual(q.discounts, [
          {
            code: 'ten', amount: 300, promotionId: ten.id, name: 'ten', action: 'percent-off-order', stacking: 'stackable', priority: 0, coupon: null, why: [],
            lines: [{ line: 0, sku: 'TEE', amount: 200 }, { line: 1, sku: 'MUG', amount: 100 }],
            shipping: 0,
          },
        ]);
        assert.equal(q.grandTotal, 3000 - 300 + 495);
      });
    });

    it('fixed off the order: proportional shares, the last line takes the remainder; never more than the goods', async () => {
      await withPromotions(svc, staff, [{ code: 'minus-101', action: { type: 'fixed-off-order', amount: 101 } }], async () => {
        assert.deepEqual(lineDiscounts(await quote(svc, [['TEE', 1], ['MUG', 1], ['BOOK', 1]])), [50, 25, 26]);
      });
      await withPromotions(svc, staff, [{ code: 'minus-50', action: { type: 'fixed-off-order', amount: 5000 } }], async () => {
        const q = await quote(svc, [['MUG', 1]]);
        assert.deepEqual([q.lines[0].discount, q.lines[0].tax.amount, q.discounts[0].amount], [1000, 0, 1000]);
        assert.deepEqual([q.grandTotal, q.taxTotal], [495, 79], 'only shipping is left to pay (and its tax)');
      });
    });

    it('percent off items: each target line (by category, subcategories included)', async () => {
      await withPromotions(svc, staff, [{ code: 'apparel-half', action: { type: 'percent-off-items', percent: 50, target: { categoryIds: ['cat_apparel'] } } }], async () => {
        const q = await quote(svc, [['TEE', 1], ['SOCK', 1], ['MUG', 1]]);
        assert.deepEqual(lineDiscounts(q), [1000, 250, 0]);
        assert.deepEqual(q.discounts[0].lines.map((l: any) => l.sku), ['TEE', 'SOCK']);
      });
    });

    it('fixed off items: the amount off each target unit, capped at the line', async () => {
      await withPromotions(svc, staff, [{ code: 'mug-300', action: { type: 'fixed-off-items', amount: 300, target: { skus: ['MUG'] } } }], async () => {
        assert.deepEqual(lineDiscounts(await quote(svc, [['MUG', 3], ['TEE', 1]])), [900, 0]);
      });
      await withPromotions(svc, staff, [{ code: 'mug-1500', action: { type: 'fixed-off-items', amount: 1500, target: { brandIds: ['brand_other'] } } }], async () => {
        assert.deepEqual(lineDiscounts(await quote(svc, [['MUG', 2]])), [2000]);
      });
    });

    it('buy X get Y: in every X + Y target units, the Y cheapest are free', async () => {
      await withPromotions(svc, staff, [{ code: 'three-for-two', action: { type: 'buy-x-get-y', buy: 2, get: 1, target: { skus: ['SOCK', 'MUG'] } } }], async () => {
        assert.deepEqual(lineDiscounts(await quote(svc, [['SOCK', 2], ['MUG', 1], ['TEE', 1]])), [500, 0, 0]);
        assert.deepEqual(lineDiscounts(await quote(svc, [['MUG', 4], ['SOCK', 1]])), [0, 500], '5 units: one free, the sock');
        assert.deepEqual(lineDiscounts(await quote(svc, [['MUG', 5], ['SOCK', 1]])), [1000, 500], '6 units: two free, the sock and a mug');
        assert.equal((await quote(svc, [['MUG', 2]])).discounts.length, 0, 'two units: nothing free yet');
      });
    });

    it('free shipping: the shipping cost is waived and untaxed', async () => {
      await withPromotions(svc, staff, [{ code: 'free-ship', currency: null, action: { type: 'free-shipping' } }], async () => {
        const q = await quote(svc, [['TEE', 1]]);
        assert.deepEqual(q.shipping, { method: 'standard', amount: 495, discount: 495, free: true, weightGrams: 0, tax: { taxClass: 'standard', rateBp: 1900, amount: 0 } });
        assert.deepEqual([q.discounts[0].amount, q.discounts[0].shipping, q.discounts[0].lines, q.discountTotal], [495, 495, [], 495]);
        assert.deepEqual([q.grandTotal, q.taxTotal], [2000, 319]);
      });
    });
  });

  describe('stacking and priority', () => {
    it('stackable promotions apply by priority, each on what the ones before it left', async () => {
      const bodies = [
        { code: 'stack-b', priority: 5, action: { type: 'fixed-off-order', amount: 500 } },
        { code: 'stack-a', priority: 10, action: percentOff(10) },
      ];
      await withPromotions(svc, staff, bodies, async () => {
        const q = await quote(svc, [['TEE', 1]]);
        assert.deepEqual(q.discounts.map((d: any) => [d.code, d.amount]), [['stack-a', 200], ['stack-b', 500]]);
        assert.equal(q.lines[0].discount, 700);
      });
    });

    it('on equal priority the older promotion applies first', async () => {
      await withPromotions(svc, staff, [{ code: 'older', action: { type: 'fixed-off-order', amount: 300 } }, { code: 'newer', action: percentOff(50) }], async () => {
        const q = await quote(svc, [['TEE', 1]]);
        assert.deepEqual(q.discounts.map((d: any) => [d.code, d.amount]), [['older', 300], ['newer', 850]]);
      });
    });

    it('an exclusive promotion ranked first applies alone; a coupon it excludes says so', async () => {
      const bodies = [
        { code: 'exclusive-20', priority: 20, stacking: 'exclusive', action: percentOff(20) },
        { code: 'coupon-10', priority: 10, conditions: [{ type: 'coupon' }], action: percentOff(10) },
      ];
      await withPromotions(svc, staff, bodies, async ([, coupon]) => {
        await ok(svc, 'POST', `${PROMOTIONS}/${coupon.id}/coupons`, staff, { codes: ['STACK10'] }, 201);
        const q = await quote(svc, [['TEE', 1]], { coupons: ['STACK10'] });
        assert.deepEqual(q.discounts.map((d: any) => [d.code, d.amount]), [['exclusive-20', 400]]);
        assert.equal(q.coupons[0].applied, false);
        assert.equal(q.coupons[0].reason, 'excluded');
        assert.match(q.coupons[0].detail, /exclusive-20/);
      });
    });

    it('an exclusive promotion ranked after one that applied does not apply', async () => {
      const bodies = [
        { code: 'stackable-10', priority: 10, action: percentOff(10) },
        { code: 'exclusive-50', priority: 5, stacking: 'exclusive', conditions: [{ type: 'coupon' }], action: percentOff(50) },
      ];
      await withPromotions(svc, staff, bodies, async ([, exclusive]) => {
        await ok(svc, 'POST', `${PROMOTIONS}/${exclusive.id}/coupons`, staff, { codes: ['HALF'] }, 201);
        const q = await quote(svc, [['TEE', 1]], { coupons: ['half'] });
        assert.deepEqual(q.discounts.map((d: any) => d.code), ['stackable-10']);
        assert.deepEqual([q.coupons[0].reason, q.coupons[0].detail], ['excluded', 'it is exclusive, and stackable-10 applied before it']);
      });
    });
  });

  describe('coupons that do not apply say why', () => {
    it('unknown, expired, not started, exhausted, conditions unmet, entered twice', async () => {
      const now = Date.now();
      const bodies = [
        { code: 'old', conditions: [{ type: 'coupon' }], validFrom: new Date(now - 2 * HOUR).toISOString(), validTo: new Date(now - HOUR).toISOString(), action: percentOff(10) },
        { code: 'soon', conditions: [{ type: 'coupon' }], validFrom: new Date(now + HOUR).toISOString(), action: percentOff(10) },
        { code: 'once', conditions: [{ type: 'coupon' }], action: percentOff(10) },
        { code: 'big', conditions: [{ type: 'coupon' }, { type: 'subtotal-at-least', amount: 10_000 }], action: percentOff(10) },
      ];
      await withPromotions(svc, staff, bodies, async ([old, soon, once, big]) => {
        await ok(svc, 'POST', `${PROMOTIONS}/${old.id}/coupons`, staff, { codes: ['OLD10'] }, 201);
        await ok(svc, 'POST', `${PROMOTIONS}/${soon.id}/coupons`, staff, { codes: ['SOON10'] }, 201);
        await ok(svc, 'POST', `${PROMOTIONS}/${once.id}/coupons`, staff, { codes: ['ONCE'], maxUses: 1 }, 201);
        await ok(svc, 'POST', `${PROMOTIONS}/${big.id}/coupons`, staff, { codes: ['BIG'] }, 201);
        await ok(svc, 'POST', '/api/pricing/coupons/redemptions', staff, { code: 'once', accountId: 'acct_someone', reference: 'order-1' }, 201);

        const q = await quote(svc, [['TEE', 1]], { coupons: ['NOPE', 'old10', 'SOON10', 'ONCE', 'big', 'Big'] });
        assert.deepEqual(q.discounts, []);
        assert.deepEqual(
          q.coupons.map((c: any) => [c.code, c.applied, c.reason]),
          [['NOPE', false, 'unknown'], ['old10', false, 'expired'], ['SOON10', false, 'not-started'], ['ONCE', false, 'usage-exhausted'], ['big', false, 'conditions-unmet'], ['Big', false, 'duplicate']],
        );
        assert.equal(q.coupons[4].detail, 'goods subtotal 2000 < 10000');
        assert.match(q.coupons[1].detail, /ended/);
      });
    });
  });

  it('refuses more coupons than allowed or a malformed list', async () => {
    const response = await quoteRequest(svc, [['TEE', 1]], { coupons: Array.from({ length: 11 }, (_, i) => `C${i}`) });
    assertProblem(response, 400, 'validation-failed', 'body/coupons');
  });
});
