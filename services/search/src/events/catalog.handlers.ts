import { onEvent } from '@mercato/kit';
import { touchProductsOf, writeDocuments } from '../store/documents.store.ts';
import { beginChange } from '../store/generations.store.ts';
import type { SearchTables } from '../store/tables.ts';
import { CATALOG_EVENTS, documentChange } from './catalog-changes.ts';

/**
 * Keeps the read model in step with the catalog, inside the inbox transaction: the document is
 * written to the active generation (and to the one a reindex is building), and a renamed brand or
 * category marks its products changed so replicas re-index their text.
 */
export const catalogHandlers = CATALOG_EVENTS.map((contract) =>
  onEvent<SearchTables>(contract, async (event, tx) => {
    const change = documentChange(event);
    if (!change) return;
    const { seq, generations } = await beginChange(tx);
    await writeDocuments(tx, generations, [change], seq);
    if (change.kind === 'brand') await touchProductsOf(tx, generations, 'brand_id', change.id, seq);
    if (change.kind === 'category') await touchProductsOf(tx, generations, 'category_id', change.id, seq);
  }),
);
