import { ProblemError, type ServiceApp } from '@mercato/kit';
import { executeSearch } from '../index/execute-search.ts';
import type { IndexReplica } from '../index/replica.ts';
import { suggest } from '../domain/suggest.ts';
import { toSearchQuery, toSearchResponse } from '../domain/search-request.ts';
import { searchErrors } from '../errors.ts';
import { SearchQuerystring, SearchResponse, SuggestQuerystring, SuggestResponse } from './schemas.ts';

/** Public product search and autocomplete, answered from this replica's in-memory index. */
export function searchRoutes(app: ServiceApp, replica: IndexReplica): void {
  const ready = () => {
    const index = replica.index;
    if (!index) throw new ProblemError(searchErrors.indexNotReady, 'This replica is still loading its index');
    return index;
  };

  app.get(
    '/api/search/products',
    {
      config: { access: 'public' },
      schema: {
        tags: ['search'],
        summary: 'Search published products: relevance, typo tolerance, facets, filters, sorts, cursor pages',
        querystring: SearchQuerystring,
        response: { 200: SearchResponse },
      },
    },
    async (request) => {
      const index = ready();
      const query = toSearchQuery(request.query);
      return toSearchResponse(index, query, executeSearch(index, query));
    },
  );

  app.get(
    '/api/search/suggest',
    {
      config: { access: 'public' },
      schema: {
        tags: ['search'],
        summary: 'Autocomplete: completions of the last word and the best matching products',
        querystring: SuggestQuerystring,
        response: { 200: SuggestResponse },
      },
    },
    async (request) => suggest(ready(), request.query.q, request.query.limit, request.query.channel),
  );
}
