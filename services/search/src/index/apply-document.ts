import type { StoredDocument } from '../store/documents.store.ts';
import type { ProductState } from './analyze-product.ts';
import type { AttributeDefinition, BrandState, CategoryState } from './dictionaries.ts';
import type { ProductIndex } from './product-index.ts';

/** What applying a document changed beyond the document itself. */
export interface ApplyEffect {
  /** Searchable text of attribute values depends on definitions: the index needs a rebuild. */
  attributesChanged: boolean;
}

/** Applies one stored document (new state or tombstone) to an index. */
export function applyDocument(index: ProductIndex, document: StoredDocument, effect: ApplyEffect): void {
  const { dictionaries } = index;
  switch (document.kind) {
    case 'product':
      if (document.deleted) index.remove(document.id);
      else index.upsert(document.data as ProductState);
      return;
    case 'category':
      if (document.deleted) dictionaries.categories.delete(document.id);
      else {
        const category = document.data as CategoryState;
        dictionaries.categories.set(category.id, category);
        dictionaries.categoryNumber(category.id);
      }
      index.categoriesChanged();
      return;
    case 'brand':
      if (document.deleted) dictionaries.brands.delete(document.id);
      else dictionaries.brands.set(document.id, document.data as BrandState);
      return;
    case 'attribute':
      if (document.deleted) dictionaries.attributes.delete(document.id);
      else dictionaries.attributes.set(document.id, document.data as AttributeDefinition);
      effect.attributesChanged = true;
  }
}
