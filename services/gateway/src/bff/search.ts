import { kitErrors, problem } from '@mercato/kit';
import type { Loaders } from './loaders.ts';
import { fromSearchHit, type ProductSource } from './products.ts';
import type { SearchPage } from './types.ts';
import type { Upstream } from './upstream.ts';

export type SearchSort = 'RELEVANCE' | 'PRICE_ASC' | 'PRICE_DESC' | 'NEWEST' | 'NAME';

export interface SearchArgs {
  q?: string | null;
  category?: string | null;
  brands?: readonly string[] | null;
  attributes?: ReadonlyArray<{ code: string; values: readonly string[] }> | null;
  sort?: SearchSort | null;
  first?: number | null;
  after?: string | null;
}

export interface SearchResult {
  items: ProductSource[];
  total: number;
  nextCursor: string | null;
  facets: SearchPage['facets'];
}

/** Largest page a client may ask for (also the search service's limit). */
export const MAX_PAGE = 100;
/** Price sorts order this many best matches (search itself has no price order). */
export const PRICE_SORT_WINDOW = 100;

const SEARCH_SORT: Record<SearchSort, string> = { RELEVANCE: 'relevance', NEWEST: 'newest', NAME: 'name', PRICE_ASC: 'relevance', PRICE_DESC: 'relevance' };

/**
 * One search call (plus, for a price sort, one price call for the window's SKUs); prices and stock
 * of the results come later from the loaders, batched.
 */
export async function searchProducts(up: Upstream, loaders: Loaders, channel: string, args: SearchArgs): Promise<SearchResult> {
  const first = args.first ?? 24;
  if (first < 1 || first > MAX_PAGE) throw problem(kitErrors.validationFailed, `first must be between 1 and ${MAX_PAGE}`);
  const sort = args.sort ?? 'RELEVANCE';
  const priceSort = sort === 'PRICE_ASC' || sort === 'PRICE_DESC';
  const offset = priceSort ? decodeOffset(args.after) : 0;
  const page = await up.get<SearchPage>('search', '/api/search/products', {
    q: args.q || undefined,
    category: args.category ?? undefined,
    brand: args.brands ?? undefined,
    attr: args.attributes?.flatMap((a) => a.values.map((v) => `${a.code}:${v}`)),
    channel,
    sort: SEARCH_SORT[sort],
    limit: priceSort ? PRICE_SORT_WINDOW : first,
    cursor: priceSort ? undefined : (args.after ?? undefined),
  });
  if (!priceSort) return { items: page.items.map(fromSearchHit), total: page.total, nextCursor: page.nextCursor, facets: page.facets };

  const skus = page.items.flatMap((hit) => hit.skus);
  const priceOf = new Map<string, number>();
  for (const price of await loaders.prices.loadMany(skus)) if (price && !(price instanceof Error) && price.unitPrice !== null) priceOf.set(price.sku, price.unitPrice);
  const cheapest = new Map<string, number>();
  for (const hit of page.items) {
    const amounts = hit.skus.flatMap((sku) => (priceOf.has(sku) ? [priceOf.get(sku)!] : []));
    cheapest.set(hit.id, amounts.length ? Math.min(...amounts) : Number.POSITIVE_INFINITY);
  }
  const direction = sort === 'PRICE_ASC' ? 1 : -1;
  // Products without a price go last either way.
  const ordered = [...page.items].sort((a, b) => {
    const pa = cheapest.get(a.id)!;
    const pb = cheapest.get(b.id)!;
    if (!Number.isFinite(pa) || !Number.isFinite(pb)) return Number.isFinite(pa) ? -1 : Number.isFinite(pb) ? 1 : 0;
    return (pa - pb) * direction;
  });
  const items = ordered.slice(offset, offset + first);
  const next = offset + first < ordered.length ? encodeOffset(offset + first) : null;
  return { items: items.map(fromSearchHit), total: page.total, nextCursor: next, facets: page.facets };
}

function encodeOffset(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString('base64url');
}

function decodeOffset(cursor: string | null | undefined): number {
  if (!cursor) return 0;
  try {
    const { offset } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { offset?: unknown };
    if (Number.isInteger(offset) && (offset as number) >= 0) return offset as number;
  } catch {
    /* reported below */
  }
  throw problem(kitErrors.validationFailed, 'after is not a cursor of this sort');
}
