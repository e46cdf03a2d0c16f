import { productDeleted, productUpserted, type EventData } from '@mercato/contracts';
import { onEvent } from '@mercato/kit';
import { syncProductSkus } from '../store/skus.store.ts';
import type { InventoryTables } from '../store/tables.ts';

/** Learns which SKUs exist from the catalog: a product's variants are its SKUs. */
export const catalogHandlers = [
  onEvent<InventoryTables>(productUpserted, async (event, tx) => {
    const product = event.data as EventData<typeof productUpserted>;
    await syncProductSkus(tx, product.id, product.variants.map((v) => v.sku));
  }),
  onEvent<InventoryTables>(productDeleted, async (event, tx) => {
    await syncProductSkus(tx, (event.data as EventData<typeof productDeleted>).id, []);
  }),
];
