import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { allocate } from '../src/domain/promotions/allocation.ts';
import { applyPromotions, settleShipping } from '../src/domain/promotions/apply.ts';
import type { CartLine } from '../src/domain/promotions/cart.ts';
import type { Shopper } from '../src/domain/promotions/conditions.ts';
import type { Promotion, PromotionAction } from '../src/domain/promotions/definition.ts';
import { definitionErrors } from '../src/domain/promotions/validate.ts';
import { computeTotals } from '../src/domain/totals.ts';

const SKUS = ['A', 'B', 'C', 'D', 'E'];
const line = fc.record({
  sku: fc.constantFrom(...SKUS),
  quantity: fc.integer({ min: 1, max: 50 }),
  unitPrice: fc.integer({ min: 0, max: 1_000_000 }),
  categoryPath: fc.constantFrom(null, ['cat_root'], ['cat_root', 'cat_leaf']),
  brandId: fc.constantFrom(null, 'brand_x', 'brand_y'),
});
const cart = fc.uniqueArray(line, { minLength: 1, maxLength: 12, selector: (l) => l.sku });
const target = fc.option(fc.record({ skus: fc.subarray(SKUS, { minLength: 1 }) }, { requiredKeys: [] }), { nil: undefined });
const action: fc.Arbitrary<PromotionAction> = fc.oneof(
  fc.record({ type: fc.constant('percent-off-order' as const), percent: fc.integer({ min: 1, max: 100 }) }),
  fc.record({ type: fc.constant('fixed-off-order' as const), amount: fc.integer({ min: 1, max: 50_000_000 }) }),
  fc.record({ type: fc.constant('percent-off-items' as const), percent: fc.integer({ min: 1, max: 100 }), target }),
  fc.record({ type: fc.constant('fixed-off-items' as const), amount: fc.integer({ min: 1, max: 2_000_000 }), target }),
  fc.record({ type: fc.constant('buy-x-get-y' as const), buy: fc.integer({ min: 1, max: 5 }), get: fc.integer({ min: 1, max: 3 }), percent: fc.integer({ min: 1, max: 100 }), target }),
  fc.record({ type: fc.constant('free-shipping' as const) }),
) as fc.Arbitrary<PromotionAction>;
const promotion = (i: number) =>
  fc.record({
    id: fc.constant(`promo_${String(i).padStart(3, '0')}`),
    code: fc.constant(`p${i}`),
    name: fc.constant(`P${i}`),
    currency: fc.constant('EUR'),
    conditions: fc.constantFrom([], [{ type: 'subtotal-at-least' as const, amount: 10_000 }], [{ type: 'sku-in-cart' as const, skus: ['A'] }]),
    action,
    priority: fc.integer({ min: 0, max: 3 }),
    stacking: fc.constantFrom<'stackable' | 'exclusive'>('stackable', 'exclusive'),
    perCustomerLimit: fc.constant(null),
    validFrom: fc.constant(null),
    validTo: fc.constant(null),
    active: fc.constant(true),
  }) as fc.Arbitrary<Promotion>;
const promotions = fc.integer({ min: 0, max: 6 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => promotion(i))));
const shopper: Shopper = { currency: 'EUR', at: Date.parse('2026-06-01T00:00:00Z'), groups: [], accountId: null, hasOrdered: false, coupons: new Map() };
const shipping = fc.record({ amount: fc.integer({ min: 0, max: 100_000 }), taxRateBp: fc.constantFrom(0, 700, 1900) });

/** A quote's arithmetic from promotions to totals, as build-quote.ts runs it. */
function quote(lines: CartLine[], promos: Promotion[], ship: { amount: number; taxRateBp: number }, taxMode: 'gross' | 'net') {
  const outcome = applyPromotions(promos, lines, shopper);
  const shippingDiscount = settleShipping(outcome, ship.amount);
  const totals = computeTotals({
    taxMode,
    lines: lines.map((l, i) => ({ unitPrice: l.unitPrice, quantity: l.quantity, discount: outcome.lineDiscounts[i]!, taxClass: 'standard', taxRateBp: 1900 })),
    shipping: { amount: ship.amount, discount: shippingDiscount, taxClass: 'standard', taxRateBp: ship.taxRateBp },
  });
  return { outcome, totals };
}

describe('promotions (property-based)', () => {
  it('lines − discounts + tax + shipping = grand total (net), lines − discounts + shipping (gross)', () => {
    fc.assert(
      fc.property(cart, promotions, shipping, fc.constantFrom<'gross' | 'net'>('gross', 'net'), (lines, promos, ship, mode) => {
        const { totals: t } = quote(lines, promos, ship, mode);
        const tax = mode === 'net' ? t.taxTotal : 0;
        assert.equal(t.subtotal - t.discountTotal + tax + t.shipping!.amount, t.grandTotal);
      }),
    );
  });

  it('never yields a negative or fractional amount, and no discount exceeds what it applies to', () => {
    fc.assert(
      fc.property(cart, promotions, shipping, (lines, promos, ship) => {
        const { outcome, totals } = quote(lines, promos, ship, 'net');
        const amounts = [totals.discountTotal, totals.grandTotal, totals.taxTotal, ...outcome.lineDiscounts, ...outcome.applied.flatMap((a) => [a.amount, a.shipping, ...a.lines.map((l) => l.amount)])];
        for (const amount of amounts) assert.ok(Number.isSafeInteger(amount) && amount >= 0, `bad amount ${amount}`);
        lines.forEach((l, i) => assert.ok(outcome.lineDiscounts[i]! <= l.unitPrice * l.quantity, 'a line discount exceeds its line'));
        assert.ok(totals.shipping!.discount <= ship.amount);
        // Each promotion's share of a line is part of that line's discount; the shares add up to it.
        const perLine = lines.map(() => 0);
        for (const a of outcome.applied) for (const l of a.lines) perLine[l.line]! += l.amount;
        assert.deepEqual(perLine, outcome.lineDiscounts);
        for (const a of outcome.applied) assert.equal(a.amount, a.lines.reduce((s, l) => s + l.amount, 0) + a.shipping);
        assert.equal(totals.discountTotal, outcome.applied.reduce((s, a) => s + a.amount, 0));
      }),
    );
  });

  it('is deterministic: the same input, in any order of promotions, gives the same output', () => {
    fc.assert(
      fc.property(cart, promotions, shipping, (lines, promos, ship) => {
        const first = quote(structuredClone(lines), structuredClone(promos), ship, 'gross');
        const again = quote(structuredClone(lines), [...structuredClone(promos)].reverse(), ship, 'gross');
        assert.deepEqual(again, first);
      }),
    );
  });

  it('an exclusive promotion applies alone: nothing before it, nothing after it', () => {
    fc.assert(
      fc.property(cart, promotions, (lines, promos) => {
        const { applied } = applyPromotions(promos, lines, shopper);
        const exclusive = applied.findIndex((a) => a.stacking === 'exclusive');
        if (exclusive >= 0) assert.equal(applied.length, 1, `exclusive ${applied[exclusive]!.code} applied with others`);
        for (let i = 1; i < applied.length; i++) assert.ok(applied[i - 1]!.priority >= applied[i]!.priority, 'applied out of priority order');
      }),
    );
  });

  it('allocation: the shares add up to the discount, each within its line, and the last lines take the remainder', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 30 }), fc.integer({ min: 0, max: 40_000_000 }), (remaining, discount) => {
        const shares = allocate(discount, remaining);
        const total = remaining.reduce((a, b) => a + b, 0);
        assert.equal(shares.reduce((a, b) => a + b, 0), Math.min(discount, total));
        shares.forEach((s, i) => assert.ok(Number.isInteger(s) && s >= 0 && s <= remaining[i]!));
      }),
    );
    assert.deepEqual(allocate(100, [1000, 1000, 1000]), [33, 33, 34], 'the last line takes the remainder');
    assert.deepEqual(allocate(100, [1000, 1000, 1]), [49, 50, 1], 'within what is left of it, then the one before');
  });
});

describe('promotion definitions', () => {
  const base = { currency: 'EUR', conditions: [], action: { type: 'percent-off-order' as const, percent: 10 }, perCustomerLimit: null, validFrom: null, validTo: null };
  const pointers = (definition: Parameters<typeof definitionErrors>[0]) => definitionErrors(definition).map((e) => e.pointer);

  it('names each inconsistent field', () => {
    assert.deepEqual(pointers(base), []);
    assert.deepEqual(pointers({ ...base, validFrom: '2026-02-01T00:00:00Z', validTo: '2026-01-01T00:00:00Z' }), ['body/validTo']);
    assert.deepEqual(pointers({ ...base, currency: null, action: { type: 'fixed-off-order', amount: 500 } }), ['body/currency']);
    assert.deepEqual(pointers({ ...base, action: { type: 'fixed-off-order', amount: 0 } }), ['body/action/amount']);
    assert.deepEqual(pointers({ ...base, action: { type: 'buy-x-get-y', buy: 2 } }), ['body/action/get']);
    assert.deepEqual(pointers({ ...base, action: { type: 'free-shipping', percent: 5 } }), ['body/action/percent']);
    assert.deepEqual(pointers({ ...base, conditions: [{ type: 'sku-in-cart', amount: 5 }] }), ['body/conditions/0/amount', 'body/conditions/0/skus']);
    assert.deepEqual(pointers({ ...base, perCustomerLimit: 1 }), ['body/perCustomerLimit']);
  });
});
