import { money, type Money } from './money.ts';
import type { Loaders } from './loaders.ts';
import type { CatalogProduct, CategoryNode, SearchHit } from './types.ts';

/**
 * A product as the BFF passes it around: what a search hit or a catalog read already says; the
 * rest (details, prices, stock) is loaded through the request's loaders when a client asks for it.
 */
export interface ProductSource {
  id: string;
  handle: string;
  name: string;
  skus: string[];
  image: string | null;
  /** Known from a search hit; otherwise looked up from the catalog's ids. */
  brand?: { id: string; name: string } | null;
  category?: { id: string; name: string } | null;
  catalog?: CatalogProduct;
}

export interface PriceView {
  unit: Money;
  kind: string | null;
  listCode: string | null;
}

export interface AvailabilityView {
  available: number;
  inStock: boolean;
}

export interface CategorySource {
  id: string;
  name: string;
  parentId?: string | null;
  children?: CategoryNode[];
}

export const fromSearchHit = (hit: SearchHit): ProductSource => ({
  id: hit.id,
  handle: hit.handle,
  name: hit.name,
  skus: hit.skus,
  image: hit.image,
  brand: hit.brand,
  category: hit.category,
});

export const fromCatalog = (product: CatalogProduct): ProductSource => ({
  id: product.id,
  handle: product.handle,
  name: product.name,
  skus: product.variants.map((v) => v.sku),
  image: product.media[0]?.url ?? null,
  catalog: product,
});

/** Reads about products through one request's loaders. */
export class ProductReader {
  constructor(
    private readonly loaders: Loaders,
    private readonly currency: string,
  ) {}

  /** The catalog's full record (batched by SKU for a page of search hits). */
  async detail(product: ProductSource): Promise<CatalogProduct | null> {
    if (product.catalog) return product.catalog;
    const first = product.skus[0];
    // Suggestions name products without their SKUs: those are found by handle.
    return first ? this.loaders.productsBySku.load(first) : this.loaders.productsByHandle.load(product.handle);
  }

  /** The product's SKUs (from the catalog when its source did not list them). */
  async skus(product: ProductSource): Promise<string[]> {
    if (product.skus.length > 0) return product.skus;
    return (await this.detail(product))?.variants.map((v) => v.sku) ?? [];
  }

  async brand(product: ProductSource): Promise<{ id: string; name: string } | null> {
    if (product.brand !== undefined) return product.brand;
    const brandId = (await this.detail(product))?.brandId;
    return brandId ? ((await this.loaders.brands()).get(brandId) ?? null) : null;
  }

  async category(product: ProductSource): Promise<CategorySource | null> {
    if (product.category !== undefined) return product.category;
    const categoryId = (await this.detail(product))?.categoryId;
    return categoryId ? ((await this.categoryById(categoryId)) ?? null) : null;
  }

  async categoryById(id: string): Promise<CategoryNode | undefined> {
    const visit = (nodes: CategoryNode[]): CategoryNode | undefined => {
      for (const node of nodes) {
        if (node.id === id) return node;
        const found = visit(node.children);
        if (found) return found;
      }
      return undefined;
    };
    return visit(await this.loaders.categoryTree());
  }

  async children(category: CategorySource): Promise<CategoryNode[]> {
    return category.children ?? (await this.categoryById(category.id))?.children ?? [];
  }

  /** The viewer's price of one SKU (quantity 1), or null when it has none. */
  async price(sku: string): Promise<PriceView | null> {
    const resolved = await this.loaders.prices.load(sku);
    if (!resolved || resolved.unitPrice === null) return null;
    return { unit: money(resolved.unitPrice, this.currency), kind: resolved.source?.kind ?? null, listCode: resolved.source?.listCode ?? null };
  }

  /** The cheapest of the viewer's prices of these SKUs (a product's "from" price). */
  async cheapest(skus: readonly string[]): Promise<PriceView | null> {
    const prices = await Promise.all(skus.map((sku) => this.price(sku)));
    let best: PriceView | null = null;
    for (const price of prices) if (price && (!best || price.unit.amount < best.unit.amount)) best = price;
    return best;
  }

  async availability(sku: string): Promise<AvailabilityView> {
    const { available, inStock } = await this.loaders.availability.load(sku);
    return { available, inStock };
  }

  /** In stock when any of the SKUs is. */
  async inStock(skus: readonly string[]): Promise<boolean> {
    return (await Promise.all(skus.map((sku) => this.availability(sku)))).some((a) => a.inStock);
  }

  /** Attribute values with their English labels; enum values show their option's label. */
  async attributes(product: ProductSource): Promise<Array<{ code: string; label: string; value: string }>> {
    const detail = await this.detail(product);
    if (!detail) return [];
    const definitions = await this.loaders.attributes();
    return Object.entries(detail.attributes).map(([code, raw]) => {
      const definition = definitions.get(code);
      const option = definition?.type === 'enum' ? definition.options.find((o) => o.code === raw) : undefined;
      return { code, label: english(definition?.label) ?? code, value: english(option?.label) ?? displayValue(raw) };
    });
  }

  async variants(product: ProductSource) {
    const detail = await this.detail(product);
    return (detail?.variants ?? []).map((variant) => ({
      sku: variant.sku,
      name: variant.name,
      options: Object.entries(variant.options).map(([name, value]) => ({ name, value: String(value) })),
    }));
  }
}

function english(label: Record<string, string> | undefined): string | undefined {
  return label?.en ?? (label ? Object.values(label)[0] : undefined);
}

function displayValue(raw: unknown): string {
  if (raw && typeof raw === 'object') return english(raw as Record<string, string>) ?? JSON.stringify(raw);
  return String(raw);
}
