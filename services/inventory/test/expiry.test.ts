import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { reservationReleased, stockChanged } from '@mercato/contracts';
import { eventually } from '@mercato/testing';
import { assertProblem, availability, outboxEvents, startInventory, stockRows, type Inventory } from './helpers.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('inventory reservation expiry, with the sweeper', () => {
  let svc: Inventory;
  before(async () => {
    svc = await startInventory({ INVENTORY_EXPIRY_SWEEP_MS: '100' });
    await svc.warehouse('MAIN');
    await svc.announce('prod_mug', ['MUG']);
    await svc.receive('MAIN', 'MUG', 5);
  });
  after(() => svc.stop());

  it('releases an expired reservation by itself, publishes why, and the units can be held again', async () => {
    const held = await svc.reserve([{ sku: 'MUG', quantity: 5 }], { ttlSeconds: 1 });
    assert.equal(held.statusCode, 201);
    const { id } = held.json();
    assertProblem(await svc.reserve([{ sku: 'MUG', quantity: 1 }]), 409, 'insufficient-stock');

    await eventually(async () => (await stockRows(svc, 'MUG'))[0]!.reserved === 0, 10_000, 50);
    const [released] = await outboxEvents(svc, reservationReleased.type, id);
    assert.equal(released?.data.reason, 'expired');
    assert.equal((await svc.request('GET', `/api/inventory/reservations/${id}`, { token: svc.reserver })).json().status, 'expired');
    assert.equal((await outboxEvents(svc, stockChanged.type, 'MUG')).at(-1)?.data.available, 5);

    assert.equal((await svc.reserve([{ sku: 'MUG', quantity: 5 }])).statusCode, 201, 'the freed units are held again');
    assertProblem(await svc.request('POST', `/api/inventory/reservations/${id}/commit`, { token: svc.reserver }), 409, 'reservation-expired');
    const release = await svc.request('POST', `/api/inventory/reservations/${id}/release`, { token: svc.reserver });
    assert.equal(release.statusCode, 200, 'releasing an expired reservation is a harmless repeat');
    assert.equal(release.json().status, 'expired');
  });
});

describe('inventory reservation expiry, before any sweep', () => {
  let svc: Inventory;
  before(async () => {
    svc = await startInventory({ INVENTORY_EXPIRY_SWEEP_MS: '600000' });
    await svc.warehouse('MAIN');
    await svc.announce('prod_cap', ['CAP', 'HAT']);
    await svc.receive('MAIN', 'CAP', 4);
    await svc.receive('MAIN', 'HAT', 4);
  });
  after(() => svc.stop());

  it('never counts an expired hold as reserved, and lets a new cart take its units at once', async () => {
    const { id } = (
      await svc.reserve(
        [
          { sku: 'CAP', quantity: 3 },
          { sku: 'HAT', quantity: 2 },
        ],
        { ttlSeconds: 1 },
      )
    ).json();
    assert.equal((await availability(svc, 'CAP'))[0]!.available, 1);
    await sleep(1100);

    assert.deepEqual(await availability(svc, 'CAP', 'HAT'), [
      { sku: 'CAP', available: 4, inStock: true, backorderable: false },
      { sku: 'HAT', available: 4, inStock: true, backorderable: false },
    ]);
    assert.equal((await svc.request('GET', `/api/inventory/reservations/${id}`, { token: svc.reserver })).json().status, 'expired');
    assertProblem(await svc.request('POST', `/api/inventory/reservations/${id}/commit`, { token: svc.reserver }), 409, 'reservation-expired');

    const again = await svc.reserve([{ sku: 'CAP', quantity: 4 }]);
    assert.equal(again.statusCode, 201, again.body);
    assert.deepEqual(await stockRows(svc, 'CAP'), [{ warehouse_code: 'MAIN', on_hand: 4, reserved: 4 }]);
    assert.deepEqual(await stockRows(svc, 'HAT'), [{ warehouse_code: 'MAIN', on_hand: 4, reserved: 2 }], 'its other line waits for the sweeper…');
    assert.equal((await availability(svc, 'HAT'))[0]!.available, 4, '…but is not counted meanwhile');

    const release = await svc.request('POST', `/api/inventory/reservations/${id}/release`, { token: svc.reserver });
    assert.equal(release.json().status, 'expired');
    assert.deepEqual(await stockRows(svc, 'HAT'), [{ warehouse_code: 'MAIN', on_hand: 4, reserved: 0 }]);
    const [released] = await outboxEvents(svc, reservationReleased.type, id);
    assert.equal(released?.data.reason, 'expired');
  });
});
