import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertProblem, availability, startInventory, stockRows, type Inventory } from './helpers.ts';

describe('inventory under concurrent reservations', () => {
  let svc: Inventory;
  before(async () => {
    svc = await startInventory();
    await svc.warehouse('NEAR', 10);
    await svc.warehouse('FAR', 20);
  });
  after(() => svc.stop());

  it('lets exactly 50 of 200 buyers racing for 50 units hold one, and refuses the rest with 409', async () => {
    await svc.announce('prod_hot', ['HOT-1']);
    await svc.receive('NEAR', 'HOT-1', 30);
    await svc.receive('FAR', 'HOT-1', 20);

    const answers = await Promise.all(Array.from({ length: 200 }, () => svc.reserve([{ sku: 'HOT-1', quantity: 1 }])));

    const held = answers.filter((a) => a.statusCode === 201);
    const refused = answers.filter((a) => a.statusCode !== 201);
    assert.equal(held.length, 50);
    assert.equal(refused.length, 150);
    for (const answer of refused) assertProblem(answer, 409, 'insufficient-stock');
    assert.equal(new Set(held.map((a) => a.json().id)).size, 50);

    const rows = await stockRows(svc, 'HOT-1');
    assert.deepEqual(rows, [
      { warehouse_code: 'FAR', on_hand: 20, reserved: 20 },
      { warehouse_code: 'NEAR', on_hand: 30, reserved: 30 },
    ]);
    const lines = await svc.db.selectFrom('reservation_lines').select((eb) => eb.fn.sum<number>('quantity').as('total')).where('sku', '=', 'HOT-1').where('open', '=', true).executeTakeFirstOrThrow();
    assert.equal(Number(lines.total), 50, 'the open holds add up to the reserved units');
    assert.deepEqual(await availability(svc, 'HOT-1'), [{ sku: 'HOT-1', available: 0, inStock: false, backorderable: false }]);
  });

  it('never deadlocks or oversells when carts lock the same SKUs listed in opposite orders', async () => {
    await svc.announce('prod_pair', ['PAIR-A', 'PAIR-B']);
    await svc.receive('NEAR', 'PAIR-A', 40);
    await svc.receive('FAR', 'PAIR-B', 25);

    const answers = await Promise.all(
      Array.from({ length: 80 }, (_, i) => {
        const lines = [
          { sku: 'PAIR-A', quantity: 1 },
          { sku: 'PAIR-B', quantity: 1 },
        ];
        return svc.reserve(i % 2 === 0 ? lines : lines.reverse());
      }),
    );

    const statuses = answers.map((a) => a.statusCode);
    assert.equal(statuses.filter((s) => s === 201).length, 25, 'PAIR-B is the bottleneck');
    assert.ok(statuses.every((s) => s === 201 || s === 409), `only 201 or 409: ${[...new Set(statuses)]}`);
    assert.deepEqual(await stockRows(svc, 'PAIR-A'), [{ warehouse_code: 'NEAR', on_hand: 40, reserved: 25 }], 'a refused cart held nothing of PAIR-A');
    assert.deepEqual(await stockRows(svc, 'PAIR-B'), [{ warehouse_code: 'FAR', on_hand: 25, reserved: 25 }]);
  });

  it('keeps on-hand and reserved exact while commits, releases and new holds race', async () => {
    await svc.announce('prod_mix', ['MIX-1']);
    await svc.receive('NEAR', 'MIX-1', 20);
    const first = await Promise.all(Array.from({ length: 20 }, () => svc.reserve([{ sku: 'MIX-1', quantity: 1 }])));
    const ids = first.map((a) => a.json().id as string);

    // Half commit, half release, while 30 more buyers try to hold what the releases free.
    const results = await Promise.all([
      ...ids.slice(0, 10).map((id) => svc.request('POST', `/api/inventory/reservations/${id}/commit`, { token: svc.reserver })),
      ...ids.slice(10).map((id) => svc.request('POST', `/api/inventory/reservations/${id}/release`, { token: svc.reserver })),
      ...Array.from({ length: 30 }, () => svc.reserve([{ sku: 'MIX-1', quantity: 1 }])),
    ]);
    assert.ok(results.slice(0, 20).every((r) => r.statusCode === 200));
    const newlyHeld = results.slice(20).filter((r) => r.statusCode === 201).length;
    const [row] = await stockRows(svc, 'MIX-1');
    assert.equal(row!.on_hand, 10, 'ten units left with orders');
    assert.equal(row!.reserved, newlyHeld);
    assert.ok(row!.reserved <= row!.on_hand && newlyHeld <= 10);
  });
});
