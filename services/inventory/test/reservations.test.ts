import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { reservationCommitted, reservationHeld, reservationReleased, stockChanged } from '@mercato/contracts';
import { Value } from '@sinclair/typebox/value';
import { assertProblem, availability, outboxEvents, startInventory, stockRows, type Inventory } from './helpers.ts';

describe('inventory reservations', () => {
  let svc: Inventory;
  before(async () => {
    svc = await startInventory();
    await svc.warehouse('FIRST', 1);
    await svc.warehouse('SECOND', 2);
    await svc.announce('prod_tee', ['TEE-S', 'TEE-M', 'TEE-L']);
    await svc.receive('FIRST', 'TEE-S', 3);
    await svc.receive('SECOND', 'TEE-S', 10);
    await svc.receive('SECOND', 'TEE-M', 2);
  });
  after(() => svc.stop());

  it('allocates a line across warehouses by priority and says where each unit comes from', async () => {
    const held = await svc.reserve([{ sku: 'TEE-S', quantity: 5 }]);
    assert.equal(held.statusCode, 201, held.body);
    const reservation = held.json();
    assert.match(reservation.id, /^res_[0-9a-f]{32}$/);
    assert.equal(reservation.status, 'held');
    assert.deepEqual(reservation.lines, [
      { sku: 'TEE-S', quantity: 5, backordered: 0, allocations: [{ warehouse: 'FIRST', quantity: 3 }, { warehouse: 'SECOND', quantity: 2 }] },
    ]);
    assert.deepEqual(await stockRows(svc, 'TEE-S'), [
      { warehouse_code: 'FIRST', on_hand: 3, reserved: 3 },
      { warehouse_code: 'SECOND', on_hand: 10, reserved: 2 },
    ]);
    const release = await svc.request('POST', `/api/inventory/reservations/${reservation.id}/release`, { token: svc.reserver });
    assert.equal(release.statusCode, 200);
  });

  it('holds nothing of a cart whose second line cannot be held', async () => {
    const before = await availability(svc, 'TEE-S', 'TEE-M');
    const eventsBefore = (await outboxEvents(svc, stockChanged.type)).length;
    const cart = await svc.reserve([
      { sku: 'TEE-S', quantity: 4 },
      { sku: 'TEE-M', quantity: 3 },
    ]);
    const problem = assertProblem(cart, 409, 'insufficient-stock');
    assert.deepEqual(problem.shortages, [{ sku: 'TEE-M', requested: 3, available: 2 }]);
    assert.equal(problem.errors[0].pointer, 'body/lines/1/quantity');
    assert.deepEqual(await availability(svc, 'TEE-S', 'TEE-M'), before);
    assert.equal((await outboxEvents(svc, stockChanged.type)).length, eventsBefore, 'no event for what was rolled back');
    assert.equal((await outboxEvents(svc, reservationHeld.type)).length, 1, 'only the first test held anything');
    assert.deepEqual(await stockRows(svc, 'TEE-S'), [
      { warehouse_code: 'FIRST', on_hand: 3, reserved: 0 },
      { warehouse_code: 'SECOND', on_hand: 10, reserved: 0 },
    ]);
  });

  it('commits a reservation (on-hand decreases, recorded in the trail) and answers the same when asked again', async () => {
    const { id } = (await svc.reserve([{ sku: 'TEE-M', quantity: 2 }])).json();
    const commit = () => svc.request('POST', `/api/inventory/reservations/${id}/commit`, { token: svc.reserver });
    const first = await commit();
    assert.equal(first.statusCode, 200, first.body);
    assert.equal(first.json().status, 'committed');
    const again = await commit();
    assert.equal(again.statusCode, 200);
    assert.deepEqual(again.json(), first.json());
    assert.deepEqual(await stockRows(svc, 'TEE-M'), [{ warehouse_code: 'SECOND', on_hand: 0, reserved: 0 }]);
    assert.equal((await outboxEvents(svc, reservationCommitted.type, id)).length, 1, 'one committed event, not two');
    const trail = (await svc.request('GET', '/api/inventory/movements?sku=TEE-M', { token: svc.staff })).json().items;
    assert.equal(trail[0].type, 'commit');
    assert.equal(trail[0].reservationId, id);
    assert.equal(trail[0].actor, 'checkout-client');
    assert.deepEqual([trail[0].before, trail[0].after], [{ onHand: 2, reserved: 2 }, { onHand: 0, reserved: 0 }]);
    assertProblem(await svc.request('POST', `/api/inventory/reservations/${id}/release`, { token: svc.reserver }), 409, 'reservation-committed');
  });

  it('releases a reservation (compensation) once, frees its units, and refuses to commit it afterwards', async () => {
    const { id } = (await svc.reserve([{ sku: 'TEE-S', quantity: 13 }])).json();
    assert.equal((await availability(svc, 'TEE-S'))[0]!.available, 0);
    const release = () => svc.request('POST', `/api/inventory/reservations/${id}/release`, { token: svc.reserver });
    assert.equal((await release()).json().status, 'released');
    assert.equal((await release()).statusCode, 200);
    assert.equal((await outboxEvents(svc, reservationReleased.type, id)).length, 1);
    assert.equal((await availability(svc, 'TEE-S'))[0]!.available, 13);
    assertProblem(await svc.request('POST', `/api/inventory/reservations/${id}/commit`, { token: svc.reserver }), 409, 'reservation-released');
    assertProblem(await svc.request('POST', '/api/inventory/reservations/res_nope/commit', { token: svc.reserver }), 404, 'reservation-not-found');
  });

  it('publishes the hold and every SKU stock level in the contract shape, in the same transaction', async () => {
    const before = (await outboxEvents(svc, stockChanged.type, 'TEE-S')).length;
    const { id } = (await svc.reserve([{ sku: 'TEE-S', quantity: 1 }], { ttlSeconds: 60 })).json();
    const [heldEvent] = await outboxEvents(svc, reservationHeld.type, id);
    assert.ok(heldEvent && Value.Check(reservationHeld.schema, heldEvent.data));
    assert.deepEqual(heldEvent.data.lines, [{ sku: 'TEE-S', quantity: 1, backordered: 0 }]);
    const levels = await outboxEvents(svc, stockChanged.type, 'TEE-S');
    assert.equal(levels.length, before + 1);
    const level = levels.at(-1)!;
    assert.ok(Value.Check(stockChanged.schema, level.data));
    assert.deepEqual(level.data, { sku: 'TEE-S', onHand: 13, reserved: 1, available: 12, inStock: true, backorderable: false });
    assert.equal(level.sequence, levels.length, 'sequence per SKU without gaps');
  });

  it('replays a reservation with the same Idempotency-Key instead of holding twice', async () => {
    const headers = { 'idempotency-key': 'cart-42-attempt-1' };
    const first = await svc.reserve([{ sku: 'TEE-S', quantity: 2 }], { headers });
    const second = await svc.reserve([{ sku: 'TEE-S', quantity: 2 }], { headers });
    assert.equal(first.statusCode, 201);
    assert.equal(second.statusCode, 201);
    assert.equal(second.headers['idempotent-replayed'], 'true');
    assert.equal(second.json().id, first.json().id);
    assert.equal((await svc.reserve([{ sku: 'TEE-S', quantity: 3 }], { headers })).statusCode, 422);
  });

  it('honours the backorder policy: deny by default, allow up to a limit, owed units settled by the next receipt', async () => {
    assert.equal((await availability(svc, 'TEE-L'))[0]!.backorderable, false);
    assertProblem(await svc.reserve([{ sku: 'TEE-L', quantity: 1 }]), 409, 'insufficient-stock');

    const policy = await svc.request('PUT', '/api/inventory/skus/TEE-L/backorder-policy', { token: svc.staff, body: { policy: 'allow', limit: 5 } });
    assert.equal(policy.statusCode, 200, policy.body);
    assert.deepEqual((await availability(svc, 'TEE-L'))[0], { sku: 'TEE-L', available: 0, inStock: false, backorderable: true });
    await svc.receive('SECOND', 'TEE-L', 1);

    const held = await svc.reserve([{ sku: 'TEE-L', quantity: 4 }]);
    assert.equal(held.statusCode, 201, held.body);
    assert.deepEqual(held.json().lines[0], { sku: 'TEE-L', quantity: 4, backordered: 3, allocations: [{ warehouse: 'SECOND', quantity: 1 }] });
    const overLimit = assertProblem(await svc.reserve([{ sku: 'TEE-L', quantity: 3 }]), 409, 'insufficient-stock');
    assert.deepEqual(overLimit.shortages, [{ sku: 'TEE-L', requested: 3, available: 2 }]);
    assert.equal((await svc.reserve([{ sku: 'TEE-L', quantity: 2 }])).statusCode, 201, 'up to the limit');
    assert.equal((await availability(svc, 'TEE-L'))[0]!.backorderable, false, 'limit reached');

    await svc.request('POST', `/api/inventory/reservations/${held.json().id}/commit`, { token: svc.reserver });
    const sku = (await svc.request('GET', '/api/inventory/skus/TEE-L', { token: svc.staff })).json();
    assert.deepEqual(sku.backorder, { policy: 'allow', limit: 5, held: 2, owed: 3 });

    const receipt = await svc.request('POST', '/api/inventory/adjustments', {
      token: svc.staff,
      body: { warehouse: 'SECOND', sku: 'TEE-L', type: 'receive', quantity: 10, reason: 'PO 7781' },
    });
    assert.equal(receipt.json().backordersSettled, 3);
    assert.deepEqual(receipt.json().after, { onHand: 7, reserved: 0 });
    assert.equal((await svc.request('GET', '/api/inventory/skus/TEE-L', { token: svc.staff })).json().backorder.owed, 0);
  });

  it('rejects bad carts with a problem naming the field, holding nothing', async () => {
    const before = await stockRows(svc, 'TEE-S');
    const cases: Array<[unknown[], number, string, string]> = [
      [[{ sku: 'TEE-S', quantity: 1 }, { sku: 'NO-SUCH-SKU', quantity: 1 }], 422, 'sku-not-in-catalog', 'body/lines/1/sku'],
      [[{ sku: 'TEE-S', quantity: 0 }], 400, 'validation-failed', 'body/lines/0/quantity'],
      [[{ sku: 'TEE-S', quantity: -2 }], 400, 'validation-failed', 'body/lines/0/quantity'],
      [[{ sku: 'TEE-S', quantity: 100_001 }], 400, 'validation-failed', 'body/lines/0/quantity'],
      [[{ sku: 'TEE-S', quantity: 1.5 }], 400, 'validation-failed', 'body/lines/0/quantity'],
      [[{ sku: 'TEE-S', quantity: 1 }, { sku: 'TEE-S', quantity: 1 }], 400, 'repeated-line-sku', 'body/lines/1/sku'],
      [[], 400, 'validation-failed', 'body/lines'],
    ];
    for (const [lines, status, code, pointer] of cases) {
      const answer = await svc.request('POST', '/api/inventory/reservations', { token: svc.reserver, body: { lines } });
      const problem = assertProblem(answer, status, code);
      assert.ok(
        problem.errors.some((e: { pointer: string }) => e.pointer === pointer),
        `${JSON.stringify(lines)} → ${JSON.stringify(problem.errors)}`,
      );
    }
    assert.deepEqual(await stockRows(svc, 'TEE-S'), before);
  });
});
