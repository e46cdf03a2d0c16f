import { categoryDeleted, categoryUpserted, productDeleted, productUpserted, type EventData } from '@mercato/contracts';
import { onEvent } from '@mercato/kit';
import { deleteCategory, syncProductSkus, upsertCategory } from '../store/read-models.store.ts';
import type { PricingTables } from '../store/tables.ts';

/** Learns SKUs (with category, brand and weight) and the category tree from the catalog. */
export const catalogHandlers = [
  onEvent<PricingTables>(productUpserted, async (event, tx) => {
    const product = event.data as EventData<typeof productUpserted>;
    await syncProductSkus(tx, product, product.variants.map((v) => ({ sku: v.sku, weightGrams: v.weightGrams ?? null })));
  }),
  onEvent<PricingTables>(productDeleted, async (event, tx) => {
    const { id } = event.data as EventData<typeof productDeleted>;
    await syncProductSkus(tx, { id, categoryId: null, brandId: null }, []);
  }),
  onEvent<PricingTables>(categoryUpserted, async (event, tx) => {
    const category = event.data as EventData<typeof categoryUpserted>;
    await upsertCategory(tx, category.id, category.path);
  }),
  onEvent<PricingTables>(categoryDeleted, async (event, tx) => {
    await deleteCategory(tx, (event.data as EventData<typeof categoryDeleted>).id);
  }),
];
