import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eventually, startPlatform, type TestPlatform } from '@mercato/testing';

/** The admin every seeded test platform has (see packages/testing). */
const ADMIN = { email: 'admin@mercato.local', password: 'admin-password-for-tests' };

async function call(base: string, method: string, path: string, options: { token?: string; body?: unknown } = {}) {
  const response = await fetch(base + path, {
    method,
    headers: { ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}), ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) },
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  return { status: response.status, body: (await response.json()) as any };
}

describe('inventory in the embedded platform', () => {
  let platform: TestPlatform;
  let admin: string;
  before(async () => {
    platform = await startPlatform('embedded', { seed: true });
    const login = await call(platform.url, 'POST', '/api/identity/login', { body: ADMIN });
    assert.equal(login.status, 200, JSON.stringify(login.body));
    admin = login.body.access_token;
  });
  after(() => platform.stop());

  it('learns a SKU the catalog creates, and serves stock and holds through the gateway', async () => {
    const product = await call(platform.url, 'POST', '/api/catalog/products', {
      token: admin,
      body: { handle: 'inv-e2e', name: 'Inventory E2E', status: 'published', variants: [{ sku: 'INV-E2E', name: 'Inventory E2E' }] },
    });
    assert.equal(product.status, 201, JSON.stringify(product.body));
    assert.equal((await call(platform.url, 'POST', '/api/inventory/warehouses', { token: admin, body: { code: 'E2E', name: 'E2E' } })).status, 201);

    const receipt = { warehouse: 'E2E', sku: 'INV-E2E', type: 'receive', quantity: 3, reason: 'first delivery' };
    await eventually(async () => (await call(platform.url, 'POST', '/api/inventory/adjustments', { token: admin, body: receipt })).status === 201, 5000, 50);

    const held = await call(platform.url, 'POST', '/api/inventory/reservations', { token: admin, body: { lines: [{ sku: 'INV-E2E', quantity: 2 }] } });
    assert.equal(held.status, 201, JSON.stringify(held.body));
    const availability = await call(platform.url, 'GET', '/api/inventory/availability?sku=INV-E2E');
    assert.deepEqual(availability.body.items, [{ sku: 'INV-E2E', available: 1, inStock: true, backorderable: false }]);
  });
});
