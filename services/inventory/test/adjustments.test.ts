import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { stockChanged } from '@mercato/contracts';
import { Value } from '@sinclair/typebox/value';
import { assertProblem, outboxEvents, startInventory, stockRows, type Inventory } from './helpers.ts';

describe('inventory adjustments and the audit trail', () => {
  let svc: Inventory;
  const adjust = (body: Record<string, unknown>) => svc.request('POST', '/api/inventory/adjustments', { token: svc.staff, body });
  before(async () => {
    svc = await startInventory();
    await svc.warehouse('DEPOT');
    await svc.announce('prod_lamp', ['LAMP']);
  });
  after(() => svc.stop());

  it('records each adjustment with who, when, why, before and after, and publishes the new level with it', async () => {
    const steps = [
      { type: 'receive', quantity: 12, reason: 'delivery note DN-1' },
      { type: 'damage', quantity: 2, reason: 'dropped by forklift' },
      { type: 'return', quantity: 1, reason: 'customer return RMA-9' },
      { type: 'loss', quantity: 1, reason: 'missing at shelf' },
      { type: 'count', countedOnHand: 9, reason: 'cycle count' },
    ];
    for (const step of steps) {
      const answer = await adjust({ warehouse: 'DEPOT', sku: 'LAMP', ...step });
      assert.equal(answer.statusCode, 201, answer.body);
    }
    const trail = (await svc.request('GET', '/api/inventory/movements?sku=LAMP&warehouse=DEPOT', { token: svc.staff })).json().items.reverse();
    assert.deepEqual(
      trail.map((m: any) => [m.type, m.reason, m.before.onHand, m.after.onHand, m.actor]),
      [
        ['receive', 'delivery note DN-1', 0, 12, 'acct_stock_keeper'],
        ['damage', 'dropped by forklift', 12, 10, 'acct_stock_keeper'],
        ['return', 'customer return RMA-9', 10, 11, 'acct_stock_keeper'],
        ['loss', 'missing at shelf', 11, 10, 'acct_stock_keeper'],
        ['count', 'cycle count', 10, 9, 'acct_stock_keeper'],
      ],
    );
    assert.ok(trail.every((m: any) => !Number.isNaN(Date.parse(m.createdAt))));

    const levels = await outboxEvents(svc, stockChanged.type, 'LAMP');
    assert.equal(levels.length, steps.length, 'one stock-changed event per adjustment');
    for (const level of levels) assert.ok(Value.Check(stockChanged.schema, level.data), JSON.stringify(level.data));
    assert.deepEqual(levels.at(-1)!.data, { sku: 'LAMP', onHand: 9, reserved: 0, available: 9, inStock: true, backorderable: false });
  });

  it('pages through the trail with a cursor', async () => {
    const first = (await svc.request('GET', '/api/inventory/movements?sku=LAMP&limit=2', { token: svc.staff })).json();
    assert.equal(first.items.length, 2);
    const second = (await svc.request('GET', `/api/inventory/movements?sku=LAMP&limit=2&cursor=${first.nextCursor}`, { token: svc.staff })).json();
    assert.equal(second.items.length, 2);
    assert.ok(second.items[0].id < first.items[1].id);
  });

  it('refuses to take on-hand below zero or below what is reserved', async () => {
    assertProblem(await adjust({ warehouse: 'DEPOT', sku: 'LAMP', type: 'loss', quantity: 10, reason: 'x' }), 409, 'insufficient-stock');
    const held = await svc.reserve([{ sku: 'LAMP', quantity: 6 }]);
    assert.equal(held.statusCode, 201);
    const problem = assertProblem(await adjust({ warehouse: 'DEPOT', sku: 'LAMP', type: 'count', countedOnHand: 5, reason: 'count' }), 409, 'on-hand-below-reserved');
    assert.equal(problem.errors[0].pointer, 'body/countedOnHand');
    assert.equal((await adjust({ warehouse: 'DEPOT', sku: 'LAMP', type: 'damage', quantity: 3, reason: 'ok: 9 - 3 = 6 reserved' })).statusCode, 201);
    assert.deepEqual(await stockRows(svc, 'LAMP'), [{ warehouse_code: 'DEPOT', on_hand: 6, reserved: 6 }]);
  });

  it('rejects bad adjustments with a problem naming the field, changing nothing', async () => {
    const before = await stockRows(svc, 'LAMP');
    const trailBefore = (await svc.request('GET', '/api/inventory/movements?limit=100', { token: svc.staff })).json().items.length;
    const eventsBefore = (await outboxEvents(svc, stockChanged.type)).length;
    const valid = { warehouse: 'DEPOT', sku: 'LAMP', type: 'receive', quantity: 1, reason: 'test' };
    const cases: Array<[Record<string, unknown>, number, string, string]> = [
      [{ ...valid, sku: 'GHOST' }, 422, 'sku-not-in-catalog', 'body/sku'],
      [{ ...valid, warehouse: 'NOWHERE' }, 422, 'unknown-warehouse', 'body/warehouse'],
      [{ ...valid, quantity: 0 }, 400, 'validation-failed', 'body/quantity'],
      [{ ...valid, quantity: -5 }, 400, 'validation-failed', 'body/quantity'],
      [{ ...valid, quantity: 100_001 }, 400, 'validation-failed', 'body/quantity'],
      [{ ...valid, type: 'count', quantity: undefined }, 400, 'validation-failed', 'body'],
      [{ ...valid, countedOnHand: 4 }, 400, 'validation-failed', 'body/countedOnHand'],
      [{ ...valid, reason: '' }, 400, 'validation-failed', 'body/reason'],
      [{ ...valid, type: 'steal' }, 400, 'validation-failed', 'body/type'],
    ];
    for (const [body, status, code, pointer] of cases) {
      const problem = assertProblem(await adjust(body), status, code);
      assert.ok(
        problem.errors.some((e: { pointer: string }) => e.pointer === pointer),
        `${JSON.stringify(body)} → ${JSON.stringify(problem.errors)}`,
      );
    }
    assert.deepEqual(await stockRows(svc, 'LAMP'), before);
    assert.equal((await svc.request('GET', '/api/inventory/movements?limit=100', { token: svc.staff })).json().items.length, trailBefore);
    assert.equal((await outboxEvents(svc, stockChanged.type)).length, eventsBefore);
  });

  it('manages warehouses: unique codes, priority order, deactivation removes their stock from availability', async () => {
    assertProblem(
      await svc.request('POST', '/api/inventory/warehouses', { token: svc.staff, body: { code: 'DEPOT', name: 'Again' } }),
      409,
      'warehouse-code-taken',
    );
    assertProblem(await svc.request('POST', '/api/inventory/warehouses', { token: svc.staff, body: { code: 'lower case', name: 'X' } }), 400, 'validation-failed');
    await svc.warehouse('ANNEX', 5);
    await svc.receive('ANNEX', 'LAMP', 4);
    const list = (await svc.request('GET', '/api/inventory/warehouses', { token: svc.staff })).json().items;
    assert.deepEqual(list.map((w: { code: string }) => w.code), ['ANNEX', 'DEPOT']);

    const off = await svc.request('PATCH', '/api/inventory/warehouses/ANNEX', { token: svc.staff, body: { active: false } });
    assert.equal(off.statusCode, 200);
    assert.equal(off.json().active, false);
    assert.equal((await outboxEvents(svc, stockChanged.type, 'LAMP')).at(-1)!.data.available, 0, 'ANNEX no longer counts');
    assertProblem(await svc.reserve([{ sku: 'LAMP', quantity: 1 }]), 409, 'insufficient-stock');
    assertProblem(await svc.request('PATCH', '/api/inventory/warehouses/NOPE', { token: svc.staff, body: { name: 'x' } }), 404, 'warehouse-not-found');

    const sku = (await svc.request('GET', '/api/inventory/skus/LAMP', { token: svc.staff })).json();
    assert.deepEqual(
      sku.warehouses.map((w: any) => [w.code, w.active, w.onHand, w.reserved]),
      [
        ['ANNEX', false, 4, 0],
        ['DEPOT', true, 6, 6],
      ],
    );
  });
});
