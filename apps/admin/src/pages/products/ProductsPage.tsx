import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { categoryLabel, loadBrands, loadCategories } from '../../api/catalogRefs.ts';
import { api, query } from '../../api/http.ts';
import type { Brand, Category, Page, Product, SearchHit } from '../../api/types.ts';
import { formatDateTime } from '../../ui/format.ts';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { Empty, Loading } from '../../ui/states.tsx';
import { StatusBadge } from '../../ui/StatusBadge.tsx';
import { useAsync } from '../../ui/useAsync.ts';
import { usePageTitle } from '../../ui/usePageTitle.ts';
import { TableFooter } from '../../ui/TableFooter.tsx';

const PAGE_SIZE = 50;

/** A row of either source: the catalog list (with status) or the search index (full-text). */
interface Row {
  id: string;
  name: string;
  handle: string;
  status: Product['status'] | null;
  categoryId: string | null;
  brandId: string | null;
  variants: number;
  updatedAt: string;
}

interface Result {
  rows: Row[];
  nextCursor: string | null;
  total: number | null;
}

function fromProduct(p: Product): Row {
  return { id: p.id, name: p.name, handle: p.handle, status: p.status, categoryId: p.categoryId, brandId: p.brandId, variants: p.variants.length, updatedAt: p.updatedAt };
}

function fromHit(h: SearchHit): Row {
  return { id: h.id, name: h.name, handle: h.handle, status: null, categoryId: h.category?.id ?? null, brandId: h.brand?.id ?? null, variants: h.skus.length, updatedAt: h.updatedAt };
}

/**
 * Products: the catalog's list filtered by status, category and brand, or a full-text search (the
 * search index holds what is published, so a query searches published products).
 */
export default function ProductsPage() {
  usePageTitle('Products');
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const status = params.get('status') ?? '';
  const category = params.get('category') ?? '';
  const brand = params.get('brand') ?? '';
  const [extra, setExtra] = useState<{ rows: Row[]; cursor: string | null; loading?: boolean; error?: unknown }>({ rows: [], cursor: null });

  const refs = useAsync(async () => ({ categories: await loadCategories(), brands: await loadBrands() }), []);

  const fetchPage = async (cursor: string | null, signal?: AbortSignal): Promise<Result> => {
    if (q) {
      const page = await api<{ items: SearchHit[]; nextCursor: string | null; total: number }>(
        `/api/search/products${query({ q, category, brand, limit: PAGE_SIZE, cursor })}`,
        { signal },
      );
      return { rows: page.items.map(fromHit), nextCursor: page.nextCursor, total: page.total };
    }
    const page = await api<Page<Product>>(`/api/catalog/products${query({ status, category, brand, limit: PAGE_SIZE, cursor })}`, { signal });
    return { rows: page.items.map(fromProduct), nextCursor: page.nextCursor, total: null };
  };

  const list = useAsync(
    async (signal) => {
      const result = await fetchPage(null, signal);
      setExtra({ rows: [], cursor: result.nextCursor });
      return result;
    },
    [q, status, category, brand],
  );

  const setFilter = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };

  const search = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFilter('q', String(new FormData(event.currentTarget).get('q') ?? '').trim());
  };

  const loadMore = async () => {
    setExtra((e) => ({ ...e, loading: true, error: undefined }));
    try {
      const result = await fetchPage(extra.cursor);
      setExtra((e) => ({ rows: [...e.rows, ...result.rows], cursor: result.nextCursor }));
    } catch (error) {
      setExtra((e) => ({ ...e, loading: false, error }));
    }
  };

  const categories: Category[] = refs.data?.categories ?? [];
  const brands: Brand[] = refs.data?.brands ?? [];
  const categoryNames = new Map(categories.map((c) => [c.id, categoryLabel(c, categories)]));
  const brandNames = new Map(brands.map((b) => [b.id, b.name]));
  const rows = [...(list.data?.rows ?? []), ...extra.rows];

  return (
    <>
      <header className="page-header">
        <h1>Products</h1>
        <Link className="button" to="/import">
          Bulk upload (CSV)
        </Link>
      </header>
      <form className="filters" role="search" aria-label="Products" onSubmit={search} key={q}>
        <div className="field grow">
          <label htmlFor="product-q">Search products</label>
          <input id="product-q" name="q" type="search" defaultValue={q} placeholder="Name, SKU, brand…" />
        </div>
        <div className="field">
          <label htmlFor="product-status">Status</label>
          <select id="product-status" value={status} disabled={!!q} onChange={(e) => setFilter('status', e.target.value)} aria-describedby={q ? 'status-note' : undefined}>
            <option value="">Any status</option>
            <option value="published">Published</option>
            <option value="draft">Draft</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="product-category">Category</label>
          <select id="product-category" value={category} onChange={(e) => setFilter('category', e.target.value)}>
            <option value="">All categories</option>
            {categories.map((c) => (
              <option key={c.id} value={c.id}>
                {categoryNames.get(c.id)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="product-brand">Brand</label>
          <select id="product-brand" value={brand} onChange={(e) => setFilter('brand', e.target.value)}>
            <option value="">All brands</option>
            {brands.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button primary">
          Search
        </button>
        {q && (
          <button type="button" className="button" onClick={() => setFilter('q', '')}>
            Clear search
          </button>
        )}
      </form>
      {q && (
        <p id="status-note" className="hint">
          Searching published products{list.data?.total != null ? `: ${list.data.total} found` : ''}. Clear the search to filter by status.
        </p>
      )}
      <ProblemAlert error={list.error ?? refs.error} onRetry={list.reload} />
      {list.loading && !list.data ? (
        <Loading label="Loading products…" />
      ) : list.data && rows.length === 0 ? (
        <Empty>No products match.</Empty>
      ) : list.data ? (
        <>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Handle</th>
                  <th scope="col">Status</th>
                  <th scope="col">Category</th>
                  <th scope="col">Brand</th>
                  <th scope="col" className="num">Variants</th>
                  <th scope="col">Updated</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.id}>
                    <td>
                      <Link to={`/products/${row.id}`}>{row.name}</Link>
                    </td>
                    <td>
                      <code>{row.handle}</code>
                    </td>
                    <td>{row.status ? <StatusBadge status={row.status} /> : <span className="muted">—</span>}</td>
                    <td>{row.categoryId ? (categoryNames.get(row.categoryId) ?? '…') : '—'}</td>
                    <td>{row.brandId ? (brandNames.get(row.brandId) ?? '…') : '—'}</td>
                    <td className="num">{row.variants}</td>
                    <td className="date">{formatDateTime(row.updatedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <ProblemAlert error={extra.error} />
          <TableFooter count={rows.length} noun="product" hasMore={Boolean(extra.cursor)} loading={extra.loading} onMore={() => void loadMore()} />
        </>
      ) : null}
    </>
  );
}
