import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { divideHalfEven, taxInGross, taxOnNet } from '../src/domain/money.ts';
import { winningPrice, type PriceCandidate } from '../src/domain/precedence.ts';
import { shippingCost } from '../src/domain/shipping.ts';
import { computeTotals, type TotalsInput } from '../src/domain/totals.ts';

const amount = fc.integer({ min: 0, max: 10_000_000 });
const rate = fc.constantFrom(0, 500, 700, 825, 1000, 1900, 2000, 2500, 2700, 10_000);
const line = fc.record({
  unitPrice: amount,
  quantity: fc.integer({ min: 1, max: 10_000 }),
  discount: fc.integer({ min: 0, max: 100_000_000_000 }),
  taxClass: fc.constantFrom('standard', 'reduced', 'zero'),
  taxRateBp: rate,
});
const totalsInput = (mode?: 'gross' | 'net') =>
  fc.record({
    taxMode: mode ? fc.constant(mode) : fc.constantFrom<'gross' | 'net'>('gross', 'net'),
    lines: fc.array(line, { minLength: 1, maxLength: 30 }),
    shipping: fc.option(fc.record({ amount, taxClass: fc.constant('standard'), taxRateBp: rate }), { nil: null }),
  }) as fc.Arbitrary<TotalsInput>;

describe('totals (property-based)', () => {
  it('net: lines − discounts + tax + shipping = grand total', () => {
    fc.assert(
      fc.property(totalsInput('net'), (input) => {
        const t = computeTotals(input);
        assert.equal(t.subtotal - t.discountTotal + t.taxTotal + (t.shipping?.amount ?? 0), t.grandTotal);
      }),
    );
  });

  it('gross: lines − discounts + shipping = grand total, and the tax is part of it', () => {
    fc.assert(
      fc.property(totalsInput('gross'), (input) => {
        const t = computeTotals(input);
        assert.equal(t.subtotal - t.discountTotal + (t.shipping?.amount ?? 0), t.grandTotal);
        assert.ok(t.taxTotal <= t.grandTotal);
      }),
    );
  });

  it('never yields a negative or non-integer amount', () => {
    fc.assert(
      fc.property(totalsInput(), (input) => {
        const t = computeTotals(input);
        const amounts = [
          t.subtotal,
          t.discountTotal,
          t.taxTotal,
          t.grandTotal,
          t.shipping?.amount ?? 0,
          t.shipping?.tax ?? 0,
          ...t.lines.flatMap((l) => [l.lineTotal, l.discount, l.taxableAmount, l.tax]),
          ...t.taxBreakdown.flatMap((b) => [b.taxableAmount, b.tax]),
        ];
        for (const a of amounts) assert.ok(Number.isSafeInteger(a) && a >= 0, `bad amount ${a}`);
        for (const l of t.lines) assert.ok(l.discount <= l.lineTotal);
      }),
    );
  });

  it('is deterministic: the same input gives the same output', () => {
    fc.assert(fc.property(totalsInput(), (input) => assert.deepEqual(computeTotals(structuredClone(input)), computeTotals(input))));
  });

  it('the tax breakdown adds up to the tax total and the taxable amounts', () => {
    fc.assert(
      fc.property(totalsInput(), (input) => {
        const t = computeTotals(input);
        assert.equal(t.taxBreakdown.reduce((s, b) => s + b.tax, 0), t.taxTotal);
        const taxable = t.lines.reduce((s, l) => s + l.taxableAmount, 0) + (t.shipping?.amount ?? 0);
        assert.equal(t.taxBreakdown.reduce((s, b) => s + b.taxableAmount, 0), taxable);
      }),
    );
  });

  it('gross tax and net tax agree: net n taxed on top gives g = n + tax, and the tax contained in g is that tax', () => {
    fc.assert(
      fc.property(amount, rate, (net, bp) => {
        const gross = net + taxOnNet(net, bp);
        assert.equal(taxInGross(gross, bp), gross - net);
      }),
    );
  });

  it('refuses negative or fractional input', () => {
    const base = { taxMode: 'net' as const, shipping: null };
    assert.throws(() => computeTotals({ ...base, lines: [{ unitPrice: -1, quantity: 1, discount: 0, taxClass: 's', taxRateBp: 0 }] }), RangeError);
    assert.throws(() => computeTotals({ ...base, lines: [{ unitPrice: 9.99, quantity: 1, discount: 0, taxClass: 's', taxRateBp: 0 }] }), RangeError);
    assert.throws(() => computeTotals({ ...base, lines: [{ unitPrice: 1, quantity: -2, discount: 0, taxClass: 's', taxRateBp: 0 }] }), RangeError);
  });
});

describe('rounding: half to even, on the minor unit', () => {
  it('rounds exact halves to the even neighbour', () => {
    assert.deepEqual([5n, 15n, 25n, 35n].map((n) => divideHalfEven(n, 10n)), [0n, 2n, 2n, 4n]);
    assert.deepEqual([14n, 16n].map((n) => divideHalfEven(n, 10n)), [1n, 2n]);
    assert.equal(taxOnNet(5, 1000), 0); // 0.5 → 0
    assert.equal(taxOnNet(15, 1000), 2); // 1.5 → 2
  });
});

describe('precedence', () => {
  const c = (over: Partial<PriceCandidate>): PriceCandidate => ({
    listId: 'plist_b',
    listCode: 'x',
    kind: 'base',
    priority: 0,
    channel: null,
    validFrom: null,
    validTo: null,
    minQuantity: 1,
    amount: 1000,
    ...over,
  });

  it('lowest price wins; on a tie contract beats group beats base', () => {
    assert.equal(winningPrice([c({ amount: 900, kind: 'base', listId: 'a' }), c({ amount: 950, kind: 'contract', listId: 'b' })], 1)?.listId, 'a');
    const tie = [c({ kind: 'base', listId: 'a' }), c({ kind: 'group', listId: 'b' }), c({ kind: 'contract', listId: 'c' })];
    assert.equal(winningPrice(tie, 1)?.kind, 'contract');
    assert.equal(winningPrice(tie.slice(0, 2), 1)?.kind, 'group');
  });

  it('a higher priority wins before price; a channel-specific list wins a tie over an all-channel one', () => {
    assert.equal(winningPrice([c({ amount: 900, listId: 'a' }), c({ amount: 1200, priority: 1, listId: 'b' })], 1)?.listId, 'b');
    assert.equal(winningPrice([c({ listId: 'a' }), c({ channel: 'web', listId: 'b' })], 1)?.listId, 'b');
  });

  it('takes each list’s highest tier not above the quantity, and ignores tiers above it', () => {
    const tiers = [c({ minQuantity: 1, amount: 1000 }), c({ minQuantity: 10, amount: 900 }), c({ minQuantity: 50, amount: 800 })];
    assert.deepEqual([1, 9, 10, 49, 50].map((q) => winningPrice(tiers, q)?.amount), [1000, 1000, 900, 900, 800]);
    assert.equal(winningPrice([c({ minQuantity: 5 })], 4), undefined);
  });

  it('the winner does not depend on the order of the candidates', () => {
    const candidate = fc.record({
      listId: fc.constantFrom('a', 'b', 'c', 'd'),
      kind: fc.constantFrom<'base' | 'group' | 'contract'>('base', 'group', 'contract'),
      priority: fc.integer({ min: 0, max: 2 }),
      channel: fc.constantFrom(null, 'web'),
      minQuantity: fc.integer({ min: 1, max: 20 }),
      amount: fc.integer({ min: 0, max: 50 }),
    });
    fc.assert(
      fc.property(fc.uniqueArray(candidate, { selector: (x) => `${x.listId} ${x.minQuantity}` }), fc.integer({ min: 1, max: 30 }), (raw, quantity) => {
        // One kind, priority and channel per list, as in the database.
        const lists = new Map(raw.map((r) => [r.listId, r]));
        const candidates = raw.map((r) => c({ ...lists.get(r.listId)!, minQuantity: r.minQuantity, amount: r.amount, listId: r.listId }));
        assert.deepEqual(winningPrice([...candidates].reverse(), quantity), winningPrice(candidates, quantity));
      }),
    );
  });
});

describe('shipping cost', () => {
  it('free over the threshold, flat otherwise; weight bands by the first band covering the weight', () => {
    assert.deepEqual(shippingCost({ kind: 'flat', amount: 495, freeOver: 5000 }, { weightGrams: 0, goodsSubtotal: 4999 }), { amount: 495, free: false });
    assert.deepEqual(shippingCost({ kind: 'flat', amount: 495, freeOver: 5000 }, { weightGrams: 0, goodsSubtotal: 5000 }), { amount: 0, free: true });
    const bands = [{ maxGrams: 1000, amount: 490 }, { maxGrams: 5000, amount: 990 }];
    assert.deepEqual(shippingCost({ kind: 'weight', bands, freeOver: null }, { weightGrams: 1000, goodsSubtotal: 1 }), { amount: 490, free: false });
    assert.deepEqual(shippingCost({ kind: 'weight', bands, freeOver: null }, { weightGrams: 1001, goodsSubtotal: 1 }), { amount: 990, free: false });
    assert.deepEqual(shippingCost({ kind: 'weight', bands, freeOver: null }, { weightGrams: 5001, goodsSubtotal: 1 }), { tooHeavy: true, maxGrams: 5000 });
  });
});
