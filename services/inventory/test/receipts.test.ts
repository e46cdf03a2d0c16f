import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { stockChanged } from '@mercato/contracts';
import { assertProblem, outboxEvents, startInventory, stockRows, type Inventory } from './helpers.ts';

describe('goods receipts: many SKUs into one warehouse at once', () => {
  let svc: Inventory;
  const receive = (body: Record<string, unknown>) => svc.request('POST', '/api/inventory/receipts', { token: svc.staff, body });
  before(async () => {
    svc = await startInventory();
    await svc.warehouse('DEPOT');
    await svc.announce('prod_mugs', ['MUG-1', 'MUG-2', 'MUG-3']);
  });
  after(() => svc.stop());

  it('receives every line in one call, audits each and publishes one level per SKU', async () => {
    const answer = await receive({ warehouse: 'DEPOT', reason: 'opening stock', lines: [{ sku: 'MUG-1', quantity: 5 }, { sku: 'MUG-2', quantity: 7 }] });
    assert.equal(answer.statusCode, 201, answer.body);
    assert.deepEqual(answer.json().movements.map((m: any) => [m.sku, m.type, m.before.onHand, m.after.onHand, m.reason]), [
      ['MUG-1', 'receive', 0, 5, 'opening stock'],
      ['MUG-2', 'receive', 0, 7, 'opening stock'],
    ]);
    assert.deepEqual(await stockRows(svc, 'MUG-2'), [{ warehouse_code: 'DEPOT', on_hand: 7, reserved: 0 }]);
    assert.equal((await outboxEvents(svc, stockChanged.type, 'MUG-1')).length, 1);
    assert.equal((await outboxEvents(svc, stockChanged.type, 'MUG-2')).at(-1)!.data.available, 7);
  });

  it('receives nothing when one line is bad, naming that line', async () => {
    const events = (await outboxEvents(svc, stockChanged.type)).length;
    const unknown = assertProblem(
      await receive({ warehouse: 'DEPOT', reason: 'delivery', lines: [{ sku: 'MUG-3', quantity: 1 }, { sku: 'GHOST', quantity: 2 }] }),
      422,
      'sku-not-in-catalog',
    );
    assert.deepEqual(unknown.errors.map((e: any) => e.pointer), ['body/lines/1/sku']);
    const repeated = assertProblem(
      await receive({ warehouse: 'DEPOT', reason: 'delivery', lines: [{ sku: 'MUG-3', quantity: 1 }, { sku: 'MUG-3', quantity: 2 }] }),
      400,
      'repeated-line-sku',
    );
    assert.deepEqual(repeated.errors.map((e: any) => e.pointer), ['body/lines/1/sku']);
    assertProblem(await receive({ warehouse: 'NOWHERE', reason: 'x', lines: [{ sku: 'MUG-3', quantity: 1 }] }), 422, 'unknown-warehouse');
    assertProblem(await receive({ warehouse: 'DEPOT', reason: 'x', lines: [] }), 400, 'validation-failed');
    assert.deepEqual(await stockRows(svc, 'MUG-3'), []);
    assert.equal((await outboxEvents(svc, stockChanged.type)).length, events);
  });

  it('is for inventory staff only', async () => {
    const answer = await svc.request('POST', '/api/inventory/receipts', { body: { warehouse: 'DEPOT', reason: 'x', lines: [{ sku: 'MUG-3', quantity: 1 }] } });
    assert.equal(answer.statusCode, 401);
  });
});
