import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertProblem, startInventory, type Inventory } from './helpers.ts';

describe('inventory access rules', () => {
  let svc: Inventory;
  const adjustment = { warehouse: 'MAIN', sku: 'BOOK', type: 'receive', quantity: 1, reason: 'test' };
  before(async () => {
    svc = await startInventory();
    await svc.warehouse('MAIN');
    await svc.announce('prod_book', ['BOOK']);
    await svc.receive('MAIN', 'BOOK', 3);
  });
  after(() => svc.stop());

  it('lets only inventory staff or admins adjust stock and manage warehouses', async () => {
    assertProblem(await svc.request('POST', '/api/inventory/adjustments', { body: adjustment }), 401, 'unauthorized');
    assertProblem(await svc.request('POST', '/api/inventory/adjustments', { token: svc.customer, body: adjustment }), 403, 'forbidden');
    assertProblem(await svc.request('POST', '/api/inventory/adjustments', { token: svc.reserver, body: adjustment }), 403, 'forbidden');
    assert.equal((await svc.request('POST', '/api/inventory/adjustments', { token: svc.admin, body: adjustment })).statusCode, 201);
    assertProblem(await svc.request('GET', '/api/inventory/warehouses', { token: svc.customer }), 403, 'forbidden');
    assertProblem(await svc.request('POST', '/api/inventory/warehouses', { token: svc.customer, body: { code: 'X', name: 'X' } }), 403, 'forbidden');
    assertProblem(await svc.request('GET', '/api/inventory/movements'), 401, 'unauthorized');
    assertProblem(await svc.request('GET', '/api/inventory/skus/BOOK', { token: svc.customer }), 403, 'forbidden');
  });

  it('does not let a customer (or anyone anonymous) hold stock directly', async () => {
    const cart = { lines: [{ sku: 'BOOK', quantity: 1 }] };
    assertProblem(await svc.request('POST', '/api/inventory/reservations', { token: svc.customer, body: cart }), 403, 'forbidden');
    assertProblem(await svc.request('POST', '/api/inventory/reservations', { body: cart }), 401, 'unauthorized');
    assert.equal((await svc.request('POST', '/api/inventory/reservations', { token: svc.staff, body: cart })).statusCode, 201);
    const held = await svc.request('POST', '/api/inventory/reservations', { token: svc.reserver, body: cart });
    assert.equal(held.statusCode, 201);
    assertProblem(await svc.request('POST', `/api/inventory/reservations/${held.json().id}/release`, { token: svc.customer }), 403, 'forbidden');
  });

  it('shows anyone availability totals, never per-warehouse figures', async () => {
    const answer = await svc.request('GET', '/api/inventory/availability?sku=BOOK&sku=UNKNOWN');
    assert.equal(answer.statusCode, 200);
    assert.deepEqual(answer.json().items, [
      { sku: 'BOOK', available: 2, inStock: true, backorderable: false },
      { sku: 'UNKNOWN', available: 0, inStock: false, backorderable: false },
    ]);
    const one = await svc.request('GET', '/api/inventory/availability?sku=BOOK');
    assert.equal(one.json().items.length, 1, 'a single sku parameter is a list of one');
    assertProblem(await svc.request('GET', '/api/inventory/availability'), 400, 'validation-failed');
  });
});
