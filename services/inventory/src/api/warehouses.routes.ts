import { problem, type ServiceApp } from '@mercato/kit';
import { Type } from '@sinclair/typebox';
import { INVENTORY_STAFF } from '../domain/access.ts';
import { inventoryErrors } from '../errors.ts';
import type { InventoryContext } from '../store/context.ts';
import { createWarehouse, listWarehouses, updateWarehouse } from '../store/warehouses.store.ts';
import { Warehouse, WarehouseInput, WarehouseParams, WarehousePatch } from './schemas.ts';

const tags = ['warehouses'];

/** Warehouses: staff only. Priority decides the allocation order; inactive ones hold no available stock. */
export function warehouseRoutes(app: ServiceApp, ctx: InventoryContext): void {
  app.get(
    '/api/inventory/warehouses',
    { config: { access: INVENTORY_STAFF }, schema: { tags, summary: 'List warehouses in allocation order', response: { 200: Type.Object({ items: Type.Array(Warehouse) }) } } },
    async () => ({ items: await listWarehouses(ctx.db) }),
  );

  app.post(
    '/api/inventory/warehouses',
    { config: { access: INVENTORY_STAFF, idempotent: true }, schema: { tags, summary: 'Create a warehouse', body: WarehouseInput, response: { 201: Warehouse } } },
    async (request, reply) => {
      const warehouse = await createWarehouse(ctx.db, request.body);
      return reply.code(201).header('location', `/api/inventory/warehouses/${warehouse.code}`).send(warehouse);
    },
  );

  app.patch(
    '/api/inventory/warehouses/:code',
    {
      config: { access: INVENTORY_STAFF },
      schema: { tags, summary: 'Rename, re-prioritize or (de)activate a warehouse', params: WarehouseParams, body: WarehousePatch, response: { 200: Warehouse } },
    },
    async (request) => {
      const warehouse = await updateWarehouse(ctx, request.params.code, request.body);
      if (!warehouse) throw problem(inventoryErrors.warehouseNotFound, `No warehouse ${request.params.code}`);
      return warehouse;
    },
  );
}
