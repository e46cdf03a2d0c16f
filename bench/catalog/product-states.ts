/**
 * The synthetic catalog as the catalog's `productUpserted` events would carry it, with deterministic
 * ids, so a read model (search) can be loaded without running an import through the catalog.
 */
import type { EventData, productUpserted } from '@mercato/contracts';
import { deterministicId } from './random.ts';
import type { GeneratedCatalog } from './generate.ts';

export type ProductState = EventData<typeof productUpserted>;

/** Ids are uuidv7-shaped with this time base (2026-01-01T00:00:00Z) plus the item's index. */
const EPOCH_MS = Date.UTC(2026, 0, 1);

export function categoryId(catalog: GeneratedCatalog, index: number): string {
  return deterministicId('cat', EPOCH_MS + index, catalog.seed * 31 + 1_000_000_000 + index);
}

export function brandId(catalog: GeneratedCatalog, index: number): string {
  return deterministicId('brand', EPOCH_MS + index, catalog.seed * 31 + 2_000_000_000 + index);
}

export function productId(catalog: GeneratedCatalog, index: number): string {
  return deterministicId('prod', EPOCH_MS + index * 1000, catalog.seed * 31 + index);
}

/** Category and brand ids by slug, as `productStates` assigns them. */
export function catalogIds(catalog: GeneratedCatalog): { categories: Map<string, string>; brands: Map<string, string> } {
  return {
    categories: new Map(catalog.categories.map((c, i) => [c.slug, categoryId(catalog, i)])),
    brands: new Map(catalog.brands.map((b, i) => [b.slug, brandId(catalog, i)])),
  };
}

/** Every product as a `ProductState` (version 1), lazily and in index order. */
export function* productStates(catalog: GeneratedCatalog): Iterable<ProductState> {
  const ids = catalogIds(catalog);
  for (let i = 0; i < catalog.productCount; i++) {
    const p = catalog.product(i);
    const id = productId(catalog, i);
    const at = new Date(EPOCH_MS + i * 1000).toISOString();
    yield {
      id,
      handle: p.handle,
      name: p.name,
      description: p.description ?? '',
      status: p.status ?? 'draft',
      categoryId: p.category ? ids.categories.get(p.category)! : null,
      brandId: p.brand ? ids.brands.get(p.brand)! : null,
      channels: p.channels ?? ['web', 'mobile'],
      attributes: p.attributes ?? {},
      media: (p.media ?? []).map((m) => ({ url: m.url, alt: m.alt ?? '' })),
      variants: p.variants.map((v, n) => ({
        id: deterministicId('var', EPOCH_MS + i * 1000, catalog.seed * 31 + i * 16 + n + 3_000_000_000),
        sku: v.sku,
        name: v.name ?? p.name,
        options: v.options ?? {},
        attributes: v.attributes ?? {},
        weightGrams: v.weightGrams ?? null,
      })),
      version: 1,
      createdAt: at,
      updatedAt: at,
    };
  }
}
