import { decodeCursor, encodeCursor, ProblemError } from '@mercato/kit';
import type { Static } from '@sinclair/typebox';
import type { SearchHit as EngineHit, SearchOutcome, SearchQuery } from '../index/execute-search.ts';
import type { ProductIndex } from '../index/product-index.ts';
import type { SearchQuerystring, SearchResponse } from '../api/schemas.ts';
import { searchErrors } from '../errors.ts';

type Querystring = Static<typeof SearchQuerystring>;

/** Turns the validated query string into the engine's query. */
export function toSearchQuery(query: Querystring): SearchQuery {
  const attributes: Record<string, string[]> = {};
  for (const filter of query.attr ?? []) {
    const at = filter.indexOf(':');
    (attributes[filter.slice(0, at)] ??= []).push(filter.slice(at + 1));
  }
  let after: SearchQuery['after'];
  if (query.cursor) {
    const position = decodeCursor<{ k: string | number; id: string; s: string }>(query.cursor, ['k', 'id', 's']);
    if (position.s !== query.sort || (query.sort === 'name') !== (typeof position.k === 'string')) {
      throw new ProblemError(searchErrors.badCursor, `The cursor was made for sort=${position.s}`);
    }
    after = { key: position.k, id: String(position.id) };
  }
  return {
    text: query.q ?? '',
    prefix: true,
    typos: query.typos,
    category: query.category,
    brands: query.brand ?? [],
    attributes,
    channel: query.channel,
    facets: query.facets === undefined ? null : query.facets.split(',').filter(Boolean),
    sort: query.sort,
    limit: query.limit,
    after,
    locale: query.locale,
  };
}

/** Shapes the engine's outcome as the API answers it. */
export function toSearchResponse(index: ProductIndex, query: SearchQuery, outcome: SearchOutcome): Static<typeof SearchResponse> {
  const { dictionaries } = index;
  const named = (id: string | null, name: string | undefined) => (id ? { id, name: name ?? '' } : null);
  return {
    items: outcome.hits.map(({ record, score }: EngineHit) => ({
      id: record.id,
      handle: record.handle,
      name: record.name,
      skus: record.skus,
      brand: named(record.brandId, record.brandId ? dictionaries.brands.get(record.brandId)?.name : undefined),
      category: named(record.categoryId, record.categoryId ? dictionaries.categories.get(record.categoryId)?.name : undefined),
      image: record.image,
      version: record.version,
      createdAt: record.createdAt,
      updatedAt: record.updatedAt,
      score,
    })),
    total: outcome.total,
    nextCursor: outcome.next ? encodeCursor({ k: outcome.next.key, id: outcome.next.id, s: query.sort }) : null,
    facets: outcome.facets,
  };
}
