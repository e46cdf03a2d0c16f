import { inventoryEvents } from '@mercato/contracts';
import { defineService } from '@mercato/kit';
import { migrations } from '../migrations/index.ts';
import { adjustmentRoutes } from './api/adjustments.routes.ts';
import { reservationRoutes } from './api/reservations.routes.ts';
import { stockRoutes } from './api/stock.routes.ts';
import { warehouseRoutes } from './api/warehouses.routes.ts';
import { loadInventoryConfig } from './config.ts';
import { catalogHandlers } from './events/catalog.handlers.ts';
import { startExpirySweeper } from './expiry-sweeper.ts';
import { seedWarehouse } from './seed/main-warehouse.ts';
import type { InventoryTables } from './store/tables.ts';

/** Inventory: warehouses, stock per SKU, reservations with expiry, adjustments and their audit trail. */
export default defineService<InventoryTables>({
  name: 'inventory',
  description: 'Stock per SKU and warehouse, all-or-nothing cart reservations with expiry, adjustments with an audit trail.',
  migrations,
  publishes: inventoryEvents,
  consumes: catalogHandlers,
  routes(app, ctx) {
    warehouseRoutes(app, ctx);
    stockRoutes(app, ctx);
    adjustmentRoutes(app, ctx);
    reservationRoutes(app, ctx);
  },
  seed: (ctx) => seedWarehouse(ctx),
  async start(ctx) {
    startExpirySweeper(ctx, loadInventoryConfig(ctx.env).INVENTORY_EXPIRY_SWEEP_MS);
  },
});
