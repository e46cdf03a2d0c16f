import { mapConstraint } from '@mercato/kit';
import { inventoryErrors } from '../errors.ts';
import { publishStockChanged } from '../events/stock-events.ts';
import type { Db, InventoryContext } from './context.ts';
import { lockSkus } from './skus.store.ts';
import { skusStockedIn } from './stock.store.ts';

export interface Warehouse {
  code: string;
  name: string;
  priority: number;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

const columns = ['code', 'name', 'priority', 'active', 'created_at', 'updated_at'] as const;

function toWarehouse(row: { code: string; name: string; priority: number; active: boolean; created_at: Date; updated_at: Date }): Warehouse {
  return { code: row.code, name: row.name, priority: row.priority, active: row.active, createdAt: row.created_at.toISOString(), updatedAt: row.updated_at.toISOString() };
}

/** Warehouses in allocation order: priority, then code. */
export async function listWarehouses(db: Db): Promise<Warehouse[]> {
  const rows = await db.selectFrom('warehouses').select(columns).orderBy('priority').orderBy('code').execute();
  return rows.map(toWarehouse);
}

export async function findWarehouse(db: Db, code: string): Promise<Warehouse | undefined> {
  const row = await db.selectFrom('warehouses').select(columns).where('code', '=', code).executeTakeFirst();
  return row && toWarehouse(row);
}

export async function createWarehouse(db: Db, input: { code: string; name: string; priority: number; active: boolean }): Promise<Warehouse> {
  try {
    return toWarehouse(await db.insertInto('warehouses').values(input).returning(columns).executeTakeFirstOrThrow());
  } catch (error) {
    mapConstraint(error, { warehouses_pkey: inventoryErrors.warehouseCodeTaken });
  }
}

/**
 * Renames, re-prioritizes or (de)activates a warehouse. (De)activation changes what every SKU
 * stocked there has available, so their stock levels are re-published in the same transaction.
 */
export async function updateWarehouse(
  ctx: InventoryContext,
  code: string,
  patch: { name?: string; priority?: number; active?: boolean },
): Promise<Warehouse | undefined> {
  return ctx.db.transaction().execute(async (tx) => {
    const affected = patch.active === undefined ? [] : await skusStockedIn(tx, code);
    await lockSkus(tx, affected, { knownOnly: false });
    const before = await tx.selectFrom('warehouses').select('active').where('code', '=', code).forNoKeyUpdate().executeTakeFirst();
    if (!before) return undefined;
    const row = await tx
      .updateTable('warehouses')
      .set({ ...patch, updated_at: new Date() })
      .where('code', '=', code)
      .returning(columns)
      .executeTakeFirstOrThrow();
    if (patch.active !== undefined && patch.active !== before.active) await publishStockChanged(ctx, tx, affected);
    return toWarehouse(row);
  });
}
