import { attributeDimension, DIMENSIONS, type HitRecord } from './analyze-product.ts';
import { buildFacets, type FacetCounts, type Facets } from './facets.ts';
import { matchText } from './match-text.ts';
import type { ProductIndex } from './product-index.ts';
import { TopK } from './top-k.ts';

export type SortOrder = 'relevance' | 'newest' | 'name';

/** Where the previous page ended: the last hit's sort key and product id. */
export interface SearchPosition {
  key: number | string;
  id: string;
}

/** A search, as the engine understands it (the API layer validates and fills defaults). */
export interface SearchQuery {
  text: string;
  /** Treat the last word as a prefix (search as you type). */
  prefix: boolean;
  typos: boolean;
  /** Products in this category or below. */
  category?: string;
  /** Any of these brands. */
  brands: string[];
  /** Per attribute code, any of these values. */
  attributes: Record<string, string[]>;
  /** Only products visible on this channel. */
  channel?: string;
  /** Facet groups to count: `category`, `brand`, attribute codes; null = all. */
  facets: string[] | null;
  sort: SortOrder;
  limit: number;
  after?: SearchPosition;
  locale: string;
}

export interface SearchHit {
  record: HitRecord;
  score: number;
  position: SearchPosition;
}

export interface SearchOutcome {
  hits: SearchHit[];
  total: number;
  facets: Facets;
  /** Set when more hits follow. */
  next: SearchPosition | null;
}

/** A filter dimension that takes part in the single pass over matches (one bit each). */
interface ActiveFilter {
  bit: number;
  /** The facet dimension number, or -1 for the category filter. */
  dimension: number;
}

/** Runs a search: text match, filters, facet counts (each group ignoring its own filter), sort, page. */
export function executeSearch(index: ProductIndex, query: SearchQuery): SearchOutcome {
  const text = query.text.trim();
  const candidates = text ? matchText(index, text, query).docs : null;
  const score = index.scratch.score;
  const relevance = text.length > 0;

  // Filters: a value → filter bit table, the channel as a hard condition, the category subtree.
  const valueBit = new Int8Array(index.valueCode.length).fill(-1);
  const filters: ActiveFilter[] = [];
  let impossible = false;
  const addFilter = (dimensionName: string, codes: string[]) => {
    if (codes.length === 0) return;
    const bit = filters.length;
    filters.push({ bit, dimension: index.dimensionId(dimensionName) ?? -2 });
    for (const code of codes) {
      const value = index.valueId(dimensionName, code);
      if (value !== undefined) valueBit[value] = bit;
    }
  };
  let categoryBit = -1;
  let subtree: Uint8Array | undefined;
  if (query.category) {
    categoryBit = filters.length;
    filters.push({ bit: categoryBit, dimension: -1 });
    subtree = index.subtree(query.category);
  }
  addFilter(DIMENSIONS.brand, query.brands);
  for (const [code, codes] of Object.entries(query.attributes)) addFilter(attributeDimension(code), codes);
  const allBits = filters.length === 0 ? 0 : (1 << filters.length) - 1;
  let channelValue = -1;
  if (query.channel !== undefined) {
    channelValue = index.valueId(DIMENSIONS.channel, query.channel) ?? -1;
    if (channelValue < 0) impossible = true;
  }

  const counts: FacetCounts = {
    values: new Uint32Array(index.valueCode.length),
    categories: new Uint32Array(index.dictionaries.categoryIds.length),
  };
  const wanted = wantedDimensions(index, query.facets);
  const wantCategories = query.facets === null || query.facets.includes('category');
  const compare = comparator(index, query.sort, score, relevance);
  const after = query.after;
  const top = new TopK(query.limit + 1, compare);
  let total = 0;

  const alive = index.alive.array;
  const category = index.category.array;
  const pool = index.valuePool.array;
  const valueDimension = index.valueDimension;
  const valueStart = index.valueStart.array;
  const lastDoc = index.documentCount - 1;
  const poolEnd = index.valuePool.length;
  const unfiltered = filters.length === 0 && channelValue < 0;
  const countValues = wanted.some((w) => w === 1);
  const visit = (doc: number) => {
    const start = valueStart[doc]!;
    const end = doc < lastDoc ? valueStart[doc + 1]! : poolEnd;
    const leaf = category[doc]!;
    if (unfiltered) {
      total++;
      if (!after || isAfter(index, doc, after, query.sort, score, relevance)) top.offer(doc);
      if (countValues) for (let i = start; i < end; i++) if (wanted[valueDimension[pool[i]!]!]) counts.values[pool[i]!]!++;
      if (wantCategories && leaf >= 0) counts.categories[leaf]!++;
      return;
    }
    let satisfied = 0;
    let onChannel = channelValue < 0;
    for (let i = start; i < end; i++) {
      const value = pool[i]!;
      const bit = valueBit[value]!;
      if (bit >= 0) satisfied |= 1 << bit;
      if (value === channelValue) onChannel = true;
    }
    if (!onChannel) return;
    if (subtree && leaf >= 0 && subtree[leaf]) satisfied |= 1 << categoryBit;
    const missing = allBits & ~satisfied;
    if (missing === 0) {
      total++;
      if (!after || isAfter(index, doc, after, query.sort, score, relevance)) top.offer(doc);
      for (let i = start; i < end; i++) if (wanted[valueDimension[pool[i]!]!]) counts.values[pool[i]!]!++;
      if (wantCategories && leaf >= 0) counts.categories[leaf]!++;
    } else if ((missing & (missing - 1)) === 0) {
      // Fails exactly one filter: it still counts for that filter's own facet group (multi-select).
      const failed = filters[31 - Math.clz32(missing)]!;
      if (failed.dimension === -1) {
        if (wantCategories && leaf >= 0) counts.categories[leaf]!++;
      } else if (wanted[failed.dimension]) {
        for (let i = start; i < end; i++) if (valueDimension[pool[i]!] === failed.dimension) counts.values[pool[i]!]!++;
      }
    }
  };

  if (!impossible) {
    if (candidates) for (const doc of candidates) visit(doc);
    else for (let doc = 0; doc < index.documentCount; doc++) if (alive[doc]) visit(doc);
  }

  const ordered = top.sorted();
  const page = ordered.slice(0, query.limit);
  const hits = page.map((doc) => ({
    record: index.records[doc]!,
    score: relevance ? score[doc]! : 0,
    position: positionOf(index, doc, query.sort, score, relevance),
  }));
  return {
    hits,
    total,
    facets: buildFacets(index, counts, query),
    next: ordered.length > query.limit ? hits.at(-1)!.position : null,
  };
}

function wantedDimensions(index: ProductIndex, facets: string[] | null): Uint8Array {
  const wanted = new Uint8Array(index.dimensionValues.length + 1);
  const names = facets ?? ['brand', ...index.dictionaries.facetableAttributes().map((a) => a.code)];
  for (const name of names) {
    const dimension = index.dimensionId(name === 'brand' ? DIMENSIONS.brand : attributeDimension(name));
    if (dimension !== undefined) wanted[dimension] = 1;
  }
  return wanted;
}

/** The order of hits; ties go by product id, so that pages never overlap. */
function comparator(index: ProductIndex, sort: SortOrder, score: Float32Array, relevance: boolean): (a: number, b: number) => number {
  const records = index.records;
  const byId = (a: number, b: number) => (records[a]!.id < records[b]!.id ? -1 : records[a]!.id > records[b]!.id ? 1 : 0);
  if (sort === 'name') {
    const keys = index.nameKeys;
    return (a, b) => (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : byId(a, b));
  }
  if (sort === 'newest' || !relevance) {
    const created = index.created.array;
    return (a, b) => created[b]! - created[a]! || byId(a, b);
  }
  return (a, b) => score[b]! - score[a]! || byId(a, b);
}

function positionOf(index: ProductIndex, doc: number, sort: SortOrder, score: Float32Array, relevance: boolean): SearchPosition {
  const id = index.records[doc]!.id;
  if (sort === 'name') return { key: index.nameKeys[doc]!, id };
  if (sort === 'newest' || !relevance) return { key: index.created.array[doc]!, id };
  return { key: score[doc]!, id };
}

/** Whether a document comes strictly after the position in the current order. */
function isAfter(index: ProductIndex, doc: number, after: SearchPosition, sort: SortOrder, score: Float32Array, relevance: boolean): boolean {
  const id = index.records[doc]!.id;
  if (sort === 'name') {
    const key = index.nameKeys[doc]!;
    const other = String(after.key);
    return key > other || (key === other && id > after.id);
  }
  const value = sort === 'newest' || !relevance ? -index.created.array[doc]! : -score[doc]!;
  const other = -Number(after.key);
  return value > other || (value === other && id > after.id);
}
