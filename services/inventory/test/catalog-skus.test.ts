import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertProblem, startInventory, type Inventory } from './helpers.ts';

describe('inventory learns SKUs from catalog events', () => {
  let svc: Inventory;
  before(async () => {
    svc = await startInventory();
    await svc.warehouse('MAIN');
  });
  after(() => svc.stop());

  const receive = (sku: string) =>
    svc.request('POST', '/api/inventory/adjustments', { token: svc.staff, body: { warehouse: 'MAIN', sku, type: 'receive', quantity: 2, reason: 'test' } });

  it('knows a SKU once its product is announced, and forgets variants the product drops', async () => {
    assertProblem(await receive('SOCK-RED'), 422, 'sku-not-in-catalog');
    await svc.announce('prod_sock', ['SOCK-RED', 'SOCK-BLUE']);
    assert.equal((await receive('SOCK-RED')).statusCode, 201);
    assert.equal((await receive('SOCK-BLUE')).statusCode, 201);

    await svc.announce('prod_sock', ['SOCK-RED']);
    assertProblem(await receive('SOCK-BLUE'), 422, 'sku-not-in-catalog');
    assertProblem(await svc.reserve([{ sku: 'SOCK-BLUE', quantity: 1 }]), 422, 'sku-not-in-catalog');
    assert.equal((await svc.request('GET', '/api/inventory/availability?sku=SOCK-BLUE')).json().items[0].available, 0);

    await svc.announce('prod_sock', ['SOCK-RED', 'SOCK-BLUE']);
    assert.equal((await svc.request('GET', '/api/inventory/availability?sku=SOCK-BLUE')).json().items[0].available, 2, 'its stock is back with it');
  });

  it('forgets every SKU of a deleted product, keeping the stock rows and their history', async () => {
    await svc.removeProduct('prod_sock');
    assertProblem(await receive('SOCK-RED'), 422, 'sku-not-in-catalog');
    const rows = await svc.db.selectFrom('stock').select('sku').where('sku', 'like', 'SOCK-%').execute();
    assert.equal(rows.length, 2);
  });

  it('follows a SKU that moves to another product', async () => {
    await svc.announce('prod_a', ['MOVER']);
    await svc.announce('prod_b', ['MOVER']);
    await svc.announce('prod_a', []);
    assert.equal((await receive('MOVER')).statusCode, 201, 'dropping it from its old product does not retire it');
  });
});
