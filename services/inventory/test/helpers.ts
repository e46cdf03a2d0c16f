import assert from 'node:assert/strict';
import { productDeleted, productUpserted, ProductState } from '@mercato/contracts';
import type { CloudEvent } from '@mercato/kit';
import { startTestService, type TestService } from '@mercato/testing';
import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { sql, type Kysely } from 'kysely';
import inventory from '../src/main.ts';
import type { InventoryTables } from '../src/store/tables.ts';

/** The inventory under test, with tokens for each kind of caller. */
export interface Inventory extends TestService {
  db: Kysely<InventoryTables>;
  staff: string;
  admin: string;
  customer: string;
  /** A machine client allowed to reserve (e.g. checkout). */
  reserver: string;
  announce(productId: string, skus: string[]): Promise<void>;
  removeProduct(productId: string): Promise<void>;
  warehouse(code: string, priority?: number): Promise<void>;
  receive(warehouse: string, sku: string, quantity: number): Promise<void>;
  reserve(lines: Array<{ sku: string; quantity: number }>, options?: { ttlSeconds?: number; headers?: Record<string, string> }): ReturnType<TestService['request']>;
}

export async function startInventory(env: Record<string, string> = {}): Promise<Inventory> {
  const svc = await startTestService(inventory, { env: { INVENTORY_EXPIRY_SWEEP_MS: '60000', ...env } });
  const sequences = new Map<string, number>();
  const deliver = async (type: string, subject: string, data: unknown) => {
    const sequence = (sequences.get(subject) ?? 0) + 1;
    sequences.set(subject, sequence);
    const event: CloudEvent = {
      specversion: '1.0',
      id: crypto.randomUUID(),
      source: '/mercato/catalog',
      type,
      subject,
      time: new Date().toISOString(),
      datacontenttype: 'application/json',
      sequence,
      data,
    };
    await svc.bus.publish([event]);
    assert.equal((await svc.bus.deadLetters('inventory')).length, 0, 'the catalog event was applied');
  };
  const staff = await svc.issuer.mint({ sub: 'acct_stock_keeper', roles: ['inventory-manager'] });
  const self: Inventory = {
    ...svc,
    db: svc.service.context.db as Kysely<InventoryTables>,
    staff,
    admin: await svc.issuer.mint({ sub: 'acct_admin', roles: ['admin'] }),
    customer: await svc.issuer.mint({ sub: 'acct_customer', roles: ['customer'] }),
    reserver: await svc.issuer.mint({ sub: 'checkout-client', scope: 'inventory:reserve', clientId: 'checkout-client' }),
    announce: (productId, skus) => deliver(productUpserted.type, productId, productData(productId, skus)),
    removeProduct: (productId) => deliver(productDeleted.type, productId, { id: productId }),
    async warehouse(code, priority = 100) {
      const created = await svc.request('POST', '/api/inventory/warehouses', { token: staff, body: { code, name: `Warehouse ${code}`, priority } });
      assert.equal(created.statusCode, 201, created.body);
    },
    async receive(warehouse, sku, quantity) {
      const body = { warehouse, sku, type: 'receive', quantity, reason: 'delivery' };
      const received = await svc.request('POST', '/api/inventory/adjustments', { token: staff, body });
      assert.equal(received.statusCode, 201, received.body);
    },
    reserve: (lines, { ttlSeconds, headers } = {}) =>
      svc.request('POST', '/api/inventory/reservations', { token: self.reserver, body: { lines, ...(ttlSeconds ? { ttlSeconds } : {}) }, headers }),
  };
  return self;
}

/** A product as the catalog's contract describes it today, with the given SKUs as its variants. */
function productData(id: string, skus: string[]) {
  const base = Value.Create(Type.Omit(ProductState, ['createdAt', 'updatedAt', 'variants']));
  const now = new Date().toISOString();
  const variant = ProductState.properties.variants.items;
  const data = {
    ...base,
    id,
    handle: id,
    name: id,
    createdAt: now,
    updatedAt: now,
    variants: skus.map((sku, i) => ({ ...Value.Create(variant), id: `${id}-v${i}`, sku, name: sku })),
  };
  assert.ok(Value.Check(ProductState, data), 'test product matches the catalog contract');
  return data;
}

/** Per-warehouse rows of a SKU, straight from the database. */
export async function stockRows(svc: Inventory, sku: string) {
  return svc.db.selectFrom('stock').select(['warehouse_code', 'on_hand', 'reserved']).where('sku', '=', sku).orderBy('warehouse_code').execute();
}

/** Events in the inventory's outbox of one type (and subject), oldest first. */
export async function outboxEvents<T = Record<string, unknown>>(svc: Inventory, type: string, subject?: string): Promise<Array<CloudEvent<T>>> {
  const { rows } = await sql<{ envelope: CloudEvent<T> }>`
    select envelope from kit_outbox where type = ${type} ${subject ? sql`and subject = ${subject}` : sql``} order by position`.execute(svc.db);
  return rows.map((row) => row.envelope);
}

/** Public availability of SKUs. */
export async function availability(svc: Inventory, ...skus: string[]) {
  const response = await svc.request('GET', `/api/inventory/availability?${skus.map((s) => `sku=${encodeURIComponent(s)}`).join('&')}`);
  assert.equal(response.statusCode, 200, response.body);
  return response.json().items as Array<{ sku: string; available: number; inStock: boolean; backorderable: boolean }>;
}

export function assertProblem(response: { statusCode: number; headers: Record<string, unknown>; json(): any }, status: number, code: string) {
  assert.equal(response.statusCode, status, JSON.stringify(response.json()));
  assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
  assert.equal(response.json().code, code);
  return response.json();
}
