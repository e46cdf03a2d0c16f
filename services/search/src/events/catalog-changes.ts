import {
  attributeDeleted,
  attributeUpserted,
  brandDeleted,
  brandUpserted,
  categoryDeleted,
  categoryUpserted,
  productDeleted,
  productUpserted,
} from '@mercato/contracts';
import type { CloudEvent } from '@mercato/kit';
import type { DocumentChange } from '../store/documents.store.ts';
import type { DocumentKind } from '../store/tables.ts';

/** Which document each catalog event writes, and whether it deletes it. */
const EVENT_KINDS: Record<string, { kind: DocumentKind; deleted: boolean; key: 'id' | 'code' }> = {
  [productUpserted.type]: { kind: 'product', deleted: false, key: 'id' },
  [productDeleted.type]: { kind: 'product', deleted: true, key: 'id' },
  [categoryUpserted.type]: { kind: 'category', deleted: false, key: 'id' },
  [categoryDeleted.type]: { kind: 'category', deleted: true, key: 'id' },
  [brandUpserted.type]: { kind: 'brand', deleted: false, key: 'id' },
  [brandDeleted.type]: { kind: 'brand', deleted: true, key: 'id' },
  [attributeUpserted.type]: { kind: 'attribute', deleted: false, key: 'code' },
  [attributeDeleted.type]: { kind: 'attribute', deleted: true, key: 'code' },
};

/** The catalog events the read model is made of. */
export const CATALOG_EVENTS = [productUpserted, productDeleted, categoryUpserted, categoryDeleted, brandUpserted, brandDeleted, attributeUpserted, attributeDeleted];

/** The document change a catalog event stands for (undefined for types search does not keep). */
export function documentChange(event: CloudEvent): DocumentChange | undefined {
  const target = EVENT_KINDS[event.type];
  if (!target) return undefined;
  const data = event.data as Record<string, unknown>;
  const product = target.kind === 'product' && !target.deleted;
  return {
    kind: target.kind,
    id: String(data[target.key]),
    eventSequence: event.sequence,
    deleted: target.deleted,
    data: target.deleted ? null : data,
    brandId: product ? ((data.brandId as string | null) ?? null) : null,
    categoryId: product ? ((data.categoryId as string | null) ?? null) : null,
  };
}
