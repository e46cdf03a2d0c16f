import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { query } from '../api/client.ts';
import { SEARCH } from '../api/queries.ts';
import type { AttributeFilter, FacetValue, ProductConnection, ProductSummary, SearchSort } from '../api/types.ts';
import { useQuery } from '../lib/useQuery.ts';
import { EmptyState, ErrorNotice } from './Feedback.tsx';
import { Facets } from './Facets.tsx';
import { ProductGrid, ProductGridSkeleton } from './ProductCard.tsx';
import './Listing.css';

const PAGE_SIZE = 24;
const SORTS: Array<{ value: SearchSort; label: string }> = [
  { value: 'RELEVANCE', label: 'Relevance' },
  { value: 'PRICE_ASC', label: 'Price: low to high' },
  { value: 'PRICE_DESC', label: 'Price: high to low' },
  { value: 'NEWEST', label: 'Newest' },
  { value: 'NAME', label: 'Name' },
];

/** Filters live in the URL (shareable, back button works): q, category, brand (repeated), attr.<code> (repeated), sort. */
function filtersFrom(params: URLSearchParams, baseCategory: string | undefined) {
  const attributes: AttributeFilter[] = [];
  for (const key of new Set(params.keys())) {
    if (key.startsWith('attr.')) attributes.push({ code: key.slice(5), values: params.getAll(key) });
  }
  const sort = params.get('sort') as SearchSort | null;
  return {
    q: params.get('q') || undefined,
    category: params.get('category') || baseCategory,
    brands: params.getAll('brand').length ? params.getAll('brand') : undefined,
    attributes: attributes.length ? attributes : undefined,
    sort: sort && SORTS.some((option) => option.value === sort) ? sort : 'RELEVANCE',
    first: PAGE_SIZE,
  };
}

type Props = { heading: string; /** The category page's own category; facets narrow within it. */ baseCategory?: string; intro?: string };

/** A product listing with facets, sort and "load more": the search page and category pages. */
export function Listing({ heading, baseCategory, intro }: Props) {
  const [params, setParams] = useSearchParams();
  const variables = filtersFrom(params, baseCategory);
  const { data, error, loading, refetch } = useQuery<{ search: ProductConnection }>(SEARCH, variables);
  const [more, setMore] = useState<{ items: ProductSummary[]; cursor: string | null; busy: boolean }>({ items: [], cursor: null, busy: false });
  const [filtersOpen, setFiltersOpen] = useState(false);
  const result = data?.search;

  useEffect(() => void setMore({ items: [], cursor: result?.nextCursor ?? null, busy: false }), [result]);

  function toggle(group: string, value: string, checked: boolean) {
    const next = new URLSearchParams(params);
    if (group === 'category') {
      if (checked) next.set('category', value);
      else next.delete('category');
    } else {
      const key = group === 'brand' ? 'brand' : group;
      const values = next.getAll(key).filter((existing) => existing !== value);
      next.delete(key);
      for (const existing of checked ? [...values, value] : values) next.append(key, existing);
    }
    setParams(next);
  }

  function isSelected(group: string, value: FacetValue): boolean {
    if (group === 'category') return (params.get('category') || baseCategory) === value.value;
    return params.getAll(group).includes(value.value);
  }

  function setSort(sort: string) {
    const next = new URLSearchParams(params);
    if (sort === 'RELEVANCE') next.delete('sort');
    else next.set('sort', sort);
    setParams(next);
  }

  async function loadMore() {
    if (!more.cursor) return;
    setMore((current) => ({ ...current, busy: true }));
    try {
      const page = await query<{ search: ProductConnection }>(SEARCH, { ...variables, after: more.cursor });
      setMore((current) => ({ items: [...current.items, ...page.search.items], cursor: page.search.nextCursor, busy: false }));
    } catch {
      setMore((current) => ({ ...current, busy: false }));
    }
  }

  const hasFilters = [...params.keys()].some((key) => key !== 'q' && key !== 'sort');
  const items = [...(result?.items ?? []), ...more.items];
  const total = result?.total ?? 0;

  return (
    <div className="listing">
      <div className="listing__head">
        <h1>{heading}</h1>
        {intro && <p className="muted">{intro}</p>}
      </div>

      {error !== undefined && <ErrorNotice error={error} retry={() => void refetch()} />}

      <div className="listing__layout">
        <aside className="listing__filters" aria-label="Filters">
          <button type="button" className="button button--secondary listing__filters-toggle" aria-expanded={filtersOpen} onClick={() => setFiltersOpen(!filtersOpen)}>
            Filters
          </button>
          <div className={`listing__filters-body${filtersOpen ? ' listing__filters-body--open' : ''}`}>
            {result && <Facets facets={result.facets} onToggle={toggle} isSelected={isSelected} showCategory />}
            {hasFilters && (
              <button
                type="button"
                className="button button--link"
                onClick={() => setParams(new URLSearchParams([...params].filter(([key]) => key === 'q' || key === 'sort')))}
              >
                Clear filters
              </button>
            )}
          </div>
        </aside>

        <section className="listing__results" aria-labelledby="result-count" aria-busy={loading}>
          <div className="listing__toolbar">
            <p id="result-count" className="listing__count" aria-live="polite">
              {result ? `${total} ${total === 1 ? 'product' : 'products'}` : loading ? 'Searching…' : ''}
            </p>
            <label className="listing__sort">
              <span>Sort by</span>
              <select value={variables.sort} onChange={(event) => setSort(event.target.value)}>
                {SORTS.map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </select>
            </label>
          </div>

          {!result && loading ? (
            <ProductGridSkeleton />
          ) : result && items.length === 0 ? (
            <EmptyState title="No products found">
              <p>{hasFilters ? 'Try removing a filter.' : 'Try another word, or browse the categories above.'}</p>
            </EmptyState>
          ) : (
            <div className={loading ? 'listing__grid listing__grid--stale' : 'listing__grid'}>
              <ProductGrid products={items} />
            </div>
          )}

          {more.cursor && items.length < total && (
            <div className="listing__more">
              <p className="muted">
                Showing {items.length} of {total}
              </p>
              <button type="button" className="button button--secondary" onClick={() => void loadMore()} disabled={more.busy}>
                {more.busy ? 'Loading…' : 'Load more'}
              </button>
            </div>
          )}
        </section>
      </div>
    </div>
  );
}
