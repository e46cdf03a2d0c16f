import { sql } from 'kysely';
import { planAdjustment, type AdjustmentRequest } from '../domain/adjustment.ts';
import { fieldProblem } from '@mercato/kit';
import { inventoryErrors } from '../errors.ts';
import { publishStockChanged } from '../events/stock-events.ts';
import type { InventoryContext } from './context.ts';
import { recordMovement, type Movement } from './movements.store.ts';
import { lockSkus } from './skus.store.ts';
import { lockStockRow, releaseExpiredHolds } from './stock.store.ts';

export interface AdjustmentInput extends AdjustmentRequest {
  sku: string;
  warehouse: string;
  reason: string;
}

/** Applies a stock adjustment with its audit line and stock-changed event, all in one transaction. */
export async function adjustStock(ctx: InventoryContext, input: AdjustmentInput, actor: string): Promise<Movement> {
  return ctx.db.transaction().execute(async (tx) => {
    const known = await lockSkus(tx, [input.sku], { knownOnly: true });
    const warehouse = await tx.selectFrom('warehouses').select('code').where('code', '=', input.warehouse).executeTakeFirst();
    const unknown = [
      ...(known.has(input.sku) ? [] : [{ pointer: 'body/sku', detail: `${input.sku} is not a catalog SKU` }]),
      ...(warehouse ? [] : [{ pointer: 'body/warehouse', detail: `no warehouse ${input.warehouse}` }]),
    ];
    if (unknown.length > 0) throw fieldProblem(known.has(input.sku) ? inventoryErrors.unknownWarehouse : inventoryErrors.skuNotInCatalog, unknown);

    await releaseExpiredHolds(tx, [input.sku]);
    const sku = (await lockSkus(tx, [input.sku], { knownOnly: true })).get(input.sku)!;
    const before = await lockStockRow(tx, input.sku, input.warehouse);
    const plan = planAdjustment(input, before, sku.backorder_owed);
    await tx.updateTable('stock').set({ on_hand: plan.onHandAfter }).where('sku', '=', input.sku).where('warehouse_code', '=', input.warehouse).execute();
    if (plan.backordersSettled > 0) {
      await tx.updateTable('skus').set({ backorder_owed: sql`backorder_owed - ${plan.backordersSettled}` }).where('sku', '=', input.sku).execute();
    }
    const movement = await recordMovement(tx, {
      sku: input.sku,
      warehouse: input.warehouse,
      type: input.type,
      reason: input.reason,
      actor,
      before,
      after: { onHand: plan.onHandAfter, reserved: before.reserved },
      backordersSettled: plan.backordersSettled,
    });
    await publishStockChanged(ctx, tx, [input.sku]);
    return movement;
  });
}
