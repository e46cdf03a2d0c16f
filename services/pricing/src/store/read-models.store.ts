import { sql } from 'kysely';
import { recordChanges } from './changes.store.ts';
import type { Tx } from './context.ts';

export interface VariantFacts {
  sku: string;
  weightGrams: number | null;
}

/** Makes the product's SKUs exactly `variants` (a SKU moved from another product follows it). */
export async function syncProductSkus(tx: Tx, product: { id: string; categoryId: string | null; brandId: string | null }, variants: readonly VariantFacts[]): Promise<void> {
  const skus = variants.map((v) => v.sku);
  const known = new Set(skus.length > 0 ? (await tx.selectFrom('skus').select('sku').where('sku', 'in', skus).execute()).map((r) => r.sku) : []);
  let retiring = tx.deleteFrom('skus').where('product_id', '=', product.id);
  if (skus.length > 0) retiring = retiring.where('sku', 'not in', skus);
  const retired = (await retiring.returning('sku').execute()).map((r) => r.sku);
  if (variants.length > 0) {
    const rows = variants.map((v) => ({ sku: v.sku, product_id: product.id, category_id: product.categoryId, brand_id: product.brandId, weight_grams: v.weightGrams }));
    await tx
      .insertInto('skus')
      .values(rows)
      .onConflict((oc) =>
        oc.column('sku').doUpdateSet((eb) => ({
          product_id: eb.ref('excluded.product_id'),
          category_id: eb.ref('excluded.category_id'),
          brand_id: eb.ref('excluded.brand_id'),
          weight_grams: eb.ref('excluded.weight_grams'),
        })),
      )
      .execute();
  }
  // The index only tracks which SKUs exist: new and retired ones are its changes.
  const changed = [...retired, ...skus.filter((sku) => !known.has(sku))].sort();
  await recordChanges(tx, changed.map((sku) => ({ kind: 'sku' as const, key: sku })));
}

export async function upsertCategory(tx: Tx, id: string, path: string[]): Promise<void> {
  await tx.insertInto('categories').values({ id, path }).onConflict((oc) => oc.column('id').doUpdateSet({ path })).execute();
}

export async function deleteCategory(tx: Tx, id: string): Promise<void> {
  await tx.deleteFrom('categories').where('id', '=', id).execute();
}

/** Stores what prices go by for a customer; an older version never overwrites a newer one. */
export async function upsertCustomer(tx: Tx, customer: { id: string; accountId: string; companyId: string | null; effectiveGroups: string[]; version: number }): Promise<void> {
  const values = { account_id: customer.accountId, company_id: customer.companyId, effective_groups: customer.effectiveGroups, version: customer.version };
  await tx
    .insertInto('customers')
    .values({ customer_id: customer.id, ...values })
    .onConflict((oc) => oc.column('customer_id').doUpdateSet(values).where('customers.version', '<', sql<number>`excluded.version`))
    .execute();
  await recordChanges(tx, [{ kind: 'customer', key: customer.id }]);
}
