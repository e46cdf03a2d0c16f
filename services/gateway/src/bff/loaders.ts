import DataLoader from 'dataloader';
import type { Upstream } from './upstream.ts';
import type {
  AttributeDefinition,
  AvailabilityRecord,
  BrandRecord,
  CatalogProduct,
  CategoryNode,
  OrderBody,
  ResolveAnswer,
  ResolvedPrice,
} from './types.ts';

/** Largest batches the services accept in one call. */
export const BATCH = { prices: 200, availability: 100, productsBySku: 100 } as const;

/** Whose prices: the currency and sales channel they are resolved for (the viewer comes from the token). */
export interface PriceContext {
  currency: string;
  channel: 'web' | 'mobile';
}

/**
 * The request's DataLoaders: whatever resolvers ask during one tick is fetched in one call per kind
 * (prices, availability, products by SKU), so a page of N products costs a constant number of calls.
 * Created per request: they cache for the request only, and carry the viewer's token.
 */
export function createLoaders(up: Upstream, prices: PriceContext) {
  const once = <T>(load: () => Promise<T>) => {
    let pending: Promise<T> | undefined;
    return () => (pending ??= load());
  };
  return {
    prices: new DataLoader<string, ResolvedPrice | null>(
      async (skus) => {
        const answer = await up.send<ResolveAnswer>('POST', 'pricing', '/api/pricing/prices/resolve', {
          items: skus.map((sku) => ({ sku, quantity: 1 })),
          currency: prices.currency,
          channel: prices.channel,
        });
        const bySku = new Map(answer.items.map((item) => [item.sku, item]));
        return skus.map((sku) => bySku.get(sku) ?? null);
      },
      { maxBatchSize: BATCH.prices },
    ),
    availability: new DataLoader<string, AvailabilityRecord>(
      async (skus) => {
        const answer = await up.get<{ items: AvailabilityRecord[] }>('inventory', '/api/inventory/availability', { sku: skus });
        const bySku = new Map(answer.items.map((item) => [item.sku, item]));
        return skus.map((sku) => bySku.get(sku) ?? { sku, available: 0, inStock: false });
      },
      { maxBatchSize: BATCH.availability },
    ),
    /** The published product that has a variant with this SKU. */
    productsBySku: new DataLoader<string, CatalogProduct | null>(
      async (skus) => {
        const answer = await up.get<{ items: CatalogProduct[] }>('catalog', '/api/catalog/products', { sku: skus, limit: 100 });
        const bySku = new Map<string, CatalogProduct>();
        for (const product of answer.items) for (const variant of product.variants) bySku.set(variant.sku, product);
        return skus.map((sku) => bySku.get(sku) ?? null);
      },
      { maxBatchSize: BATCH.productsBySku },
    ),
    /** One call per handle: pages ask for one product. */
    productsByHandle: new DataLoader<string, CatalogProduct | null>((handles) =>
      Promise.all(
        handles.map(async (handle) => (await up.get<{ items: CatalogProduct[] }>('catalog', '/api/catalog/products', { handle, limit: 1 })).items[0] ?? null),
      ),
    ),
    /** Full orders (owner or staff), one call each: only asked when a client wants an order's details. */
    orders: new DataLoader<string, OrderBody>((ids) =>
      Promise.all(ids.map((id) => up.get<OrderBody>('orders', `/api/orders/orders/${encodeURIComponent(id)}`).catch((error: unknown) => error as Error))),
    ),
    categoryTree: once(async () => (await up.get<{ items: CategoryNode[] }>('catalog', '/api/catalog/categories/tree')).items),
    brands: once(async () => new Map((await up.get<{ items: BrandRecord[] }>('catalog', '/api/catalog/brands')).items.map((b) => [b.id, b]))),
    attributes: once(async () => new Map((await up.get<{ items: AttributeDefinition[] }>('catalog', '/api/catalog/attributes')).items.map((a) => [a.code, a]))),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
