import type { InventoryContext } from '../store/context.ts';

/** A new installation gets one warehouse to receive stock into. */
export async function seedWarehouse(ctx: InventoryContext): Promise<string> {
  await ctx.db.insertInto('warehouses').values({ code: 'MAIN', name: 'Main warehouse', priority: 100 }).onConflict((oc) => oc.doNothing()).execute();
  return 'inventory: warehouse MAIN';
}
