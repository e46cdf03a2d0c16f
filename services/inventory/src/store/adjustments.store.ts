import { sql } from 'kysely';
import { planAdjustment, type AdjustmentRequest } from '../domain/adjustment.ts';
import { fieldProblem } from '@mercato/kit';
import { inventoryErrors } from '../errors.ts';
import { publishStockChanged } from '../events/stock-events.ts';
import type { InventoryContext, Tx } from './context.ts';
import { recordMovement, type Movement } from './movements.store.ts';
import { lockSkus } from './skus.store.ts';
import { lockStockRow, releaseExpiredHolds } from './stock.store.ts';

export interface AdjustmentInput extends AdjustmentRequest {
  sku: string;
  warehouse: string;
  reason: string;
}

/** Several adjustments of one warehouse, e.g. a goods receipt: `at` names each line in problems. */
export interface AdjustmentBatch {
  warehouse: string;
  reason: string;
  lines: ReadonlyArray<AdjustmentRequest & { sku: string; at: string }>;
}

/** Applies a stock adjustment with its audit line and stock-changed event, all in one transaction. */
export async function adjustStock(ctx: InventoryContext, input: AdjustmentInput, actor: string): Promise<Movement> {
  const [movement] = await adjustStockBatch(ctx, { warehouse: input.warehouse, reason: input.reason, lines: [{ ...input, at: 'body' }] }, actor, 'body/warehouse');
  return movement!;
}

/**
 * Applies every line or none (one transaction): each line's movement is audited and every touched
 * SKU gets one stock-changed event. SKUs are locked in the one global SKU order (no deadlocks).
 */
export async function adjustStockBatch(ctx: InventoryContext, batch: AdjustmentBatch, actor: string, warehouseAt = 'body/warehouse'): Promise<Movement[]> {
  const skus = [...new Set(batch.lines.map((line) => line.sku))];
  return ctx.db.transaction().execute(async (tx) => {
    await checkKnown(tx, batch, skus, warehouseAt);
    await releaseExpiredHolds(tx, skus);
    const locked = await lockSkus(tx, skus, { knownOnly: true });
    const movements: Movement[] = [];
    for (const line of batch.lines) {
      const sku = locked.get(line.sku)!;
      const before = await lockStockRow(tx, line.sku, batch.warehouse);
      const plan = planAdjustment(line, before, sku.backorder_owed, line.at);
      await tx.updateTable('stock').set({ on_hand: plan.onHandAfter }).where('sku', '=', line.sku).where('warehouse_code', '=', batch.warehouse).execute();
      if (plan.backordersSettled > 0) {
        await tx.updateTable('skus').set({ backorder_owed: sql`backorder_owed - ${plan.backordersSettled}` }).where('sku', '=', line.sku).execute();
        sku.backorder_owed -= plan.backordersSettled;
      }
      movements.push(
        await recordMovement(tx, {
          sku: line.sku,
          warehouse: batch.warehouse,
          type: line.type,
          reason: batch.reason,
          actor,
          before,
          after: { onHand: plan.onHandAfter, reserved: before.reserved },
          backordersSettled: plan.backordersSettled,
        }),
      );
    }
    await publishStockChanged(ctx, tx, skus);
    return movements;
  });
}

async function checkKnown(tx: Tx, batch: AdjustmentBatch, skus: readonly string[], warehouseAt: string): Promise<void> {
  const known = await lockSkus(tx, skus, { knownOnly: true });
  const warehouse = await tx.selectFrom('warehouses').select('code').where('code', '=', batch.warehouse).executeTakeFirst();
  const unknownSkus = batch.lines.filter((line) => !known.has(line.sku)).map((line) => ({ pointer: `${line.at}/sku`, detail: `${line.sku} is not a catalog SKU` }));
  const problems = [...unknownSkus, ...(warehouse ? [] : [{ pointer: warehouseAt, detail: `no warehouse ${batch.warehouse}` }])];
  if (problems.length > 0) throw fieldProblem(unknownSkus.length > 0 ? inventoryErrors.skuNotInCatalog : inventoryErrors.unknownWarehouse, problems);
}
