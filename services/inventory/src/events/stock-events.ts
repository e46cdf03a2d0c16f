import { stockChanged } from '@mercato/contracts';
import type { InventoryContext, Tx } from '../store/context.ts';
import { stockLevels } from '../store/stock.store.ts';

/** Publishes each SKU's new stock level, in the transaction that changed it (SKU order). */
export async function publishStockChanged(ctx: InventoryContext, tx: Tx, skus: readonly string[]): Promise<void> {
  for (const level of await stockLevels(tx, [...new Set(skus)].sort())) {
    await ctx.events.publish(tx, { type: stockChanged.type, subject: level.sku, data: level });
  }
}
