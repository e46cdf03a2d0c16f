import { productDeleted, productUpserted, type EventData } from '@mercato/contracts';
import { onEvent } from '@mercato/kit';
import type { SearchTables } from '../store/tables.ts';

/** Keeps the read model in step with the catalog: upsert on every change, remove on delete. */
export const catalogHandlers = [
  onEvent<SearchTables>(productUpserted, async (event, tx) => {
    const product = event.data as EventData<typeof productUpserted>;
    const row = {
      handle: product.handle,
      name: product.name,
      description: product.description,
      status: product.status,
      category_id: product.categoryId,
      skus: product.variants.map((v) => v.sku),
      sku_text: product.variants.map((v) => v.sku).join(' '),
      version: product.version,
      updated_at: product.updatedAt,
    };
    await tx
      .insertInto('search_products')
      .values({ id: product.id, ...row })
      .onConflict((oc) => oc.column('id').doUpdateSet(row))
      .execute();
  }),
  onEvent<SearchTables>(productDeleted, async (event, tx) => {
    await tx.deleteFrom('search_products').where('id', '=', (event.data as EventData<typeof productDeleted>).id).execute();
  }),
];
