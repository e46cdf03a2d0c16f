import type { Db, Tx } from './context.ts';

export interface LockedSku {
  sku: string;
  backorder_policy: 'deny' | 'allow';
  backorder_limit: number | null;
  backorder_held: number;
  backorder_owed: number;
}

/**
 * Locks the SKU rows in SKU order and returns the known (not deleted) ones. Every write to a SKU's
 * stock, holds or backorders takes this lock first, in this order: it serializes writers per SKU
 * and, with one global order, two carts can never wait for each other (no deadlocks).
 */
export async function lockSkus(tx: Tx, skus: readonly string[], options: { knownOnly: boolean }): Promise<Map<string, LockedSku>> {
  if (skus.length === 0) return new Map();
  let query = tx
    .selectFrom('skus')
    .select(['sku', 'backorder_policy', 'backorder_limit', 'backorder_held', 'backorder_owed'])
    .where('sku', 'in', [...skus])
    .orderBy('sku')
    .forUpdate();
  if (options.knownOnly) query = query.where('deleted_at', 'is', null);
  const rows = await query.execute();
  return new Map(rows.map((row) => [row.sku, row]));
}

/** Whether the catalog currently has this SKU. */
export async function skuExists(db: Db, sku: string): Promise<boolean> {
  const row = await db.selectFrom('skus').select('sku').where('sku', '=', sku).where('deleted_at', 'is', null).executeTakeFirst();
  return row !== undefined;
}

/** Makes the product's SKUs exactly `skus`: new or moved ones become known, dropped ones are retired. */
export async function syncProductSkus(tx: Tx, productId: string, skus: readonly string[]): Promise<void> {
  const sorted = [...new Set(skus)].sort();
  // Lock every row this change touches in SKU order first (the same order reservations use).
  const current = await tx
    .selectFrom('skus')
    .select(['sku', 'product_id'])
    .where((eb) => (sorted.length > 0 ? eb.or([eb('product_id', '=', productId), eb('sku', 'in', sorted)]) : eb('product_id', '=', productId)))
    .orderBy('sku')
    .forUpdate()
    .execute();
  if (sorted.length > 0) {
    await tx
      .insertInto('skus')
      .values(sorted.map((sku) => ({ sku, product_id: productId })))
      .onConflict((oc) => oc.column('sku').doUpdateSet({ product_id: productId, deleted_at: null }))
      .execute();
  }
  const retired = current.filter((row) => row.product_id === productId && !sorted.includes(row.sku)).map((row) => row.sku);
  if (retired.length > 0) {
    await tx.updateTable('skus').set({ deleted_at: new Date() }).where('product_id', '=', productId).where('sku', 'in', retired).where('deleted_at', 'is', null).execute();
  }
}

/** Sets a SKU's backorder policy; false when the SKU is unknown. */
export async function setBackorderPolicy(tx: Tx, sku: string, policy: 'deny' | 'allow', limit: number | null): Promise<boolean> {
  const result = await tx
    .updateTable('skus')
    .set({ backorder_policy: policy, backorder_limit: policy === 'allow' ? limit : null })
    .where('sku', '=', sku)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
