import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allocate, type BackorderAllowance, type Bin } from '../src/domain/allocation.ts';

const deny: BackorderAllowance = { policy: 'deny', limit: null, outstanding: 0 };

describe('allocation', () => {
  it('takes from warehouses in the order given, then backorders what the policy allows', () => {
    const bins = new Map<string, Bin[]>([['A', [{ warehouse: 'W1', free: 2 }, { warehouse: 'W2', free: 5 }]]]);
    assert.deepEqual(allocate([{ index: 0, sku: 'A', quantity: 4 }], bins, new Map([['A', deny]])).allocations, [
      { sku: 'A', quantity: 4, parts: [{ warehouse: 'W1', quantity: 2 }, { warehouse: 'W2', quantity: 2 }] },
    ]);
    const allow = new Map([['A', { policy: 'allow', limit: 10, outstanding: 7 } as const]]);
    assert.deepEqual(allocate([{ index: 0, sku: 'A', quantity: 10 }], bins, allow).allocations[0]?.parts.at(-1), { warehouse: null, quantity: 3 });
    assert.deepEqual(allocate([{ index: 0, sku: 'A', quantity: 11 }], bins, allow).shortages, [{ index: 0, sku: 'A', requested: 11, available: 10 }]);
  });

  it('allocates nothing when any line is short, and reports every short line', () => {
    const bins = new Map<string, Bin[]>([['A', [{ warehouse: 'W1', free: 1 }]]]);
    const result = allocate(
      [
        { index: 0, sku: 'A', quantity: 1 },
        { index: 1, sku: 'B', quantity: 1 },
        { index: 2, sku: 'C', quantity: 2 },
      ],
      bins,
      new Map(),
    );
    assert.deepEqual(result.allocations, []);
    assert.deepEqual(result.shortages.map((s) => s.index), [1, 2]);
  });
});
