import { useEffect, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { categoryLabel, loadBrands, loadCategories } from '../../api/catalogRefs.ts';
import { api } from '../../api/http.ts';
import { ApiError } from '../../api/problem.ts';
import type { Product } from '../../api/types.ts';
import { formatDateTime } from '../../ui/format.ts';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { Loading } from '../../ui/states.tsx';
import { StatusBadge } from '../../ui/StatusBadge.tsx';
import { useAsync } from '../../ui/useAsync.ts';
import { usePageTitle } from '../../ui/usePageTitle.ts';
import { draftOf, emptyDraft, variantsInput, type VariantDraft } from './variantDrafts.ts';

interface Fields {
  name: string;
  handle: string;
  status: Product['status'];
  description: string;
  categoryId: string;
  brandId: string;
}

const fieldsOf = (p: Product): Fields => ({
  name: p.name,
  handle: p.handle,
  status: p.status,
  description: p.description,
  categoryId: p.categoryId ?? '',
  brandId: p.brandId ?? '',
});

/** Edits a product; the change carries the version read (If-Match), so a concurrent edit is a 412, not a lost update. */
export default function ProductPage() {
  const { id = '' } = useParams();
  const product = useAsync((signal) => api<Product>(`/api/catalog/products/${encodeURIComponent(id)}`, { signal }), [id]);
  const refs = useAsync(async () => ({ categories: await loadCategories(), brands: await loadBrands() }), []);
  const [fields, setFields] = useState<Fields>();
  const [variants, setVariants] = useState<VariantDraft[]>([]);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>();
  const [message, setMessage] = useState('');
  usePageTitle(product.data?.name ?? 'Product');

  useEffect(() => {
    if (!product.data) return;
    setFields(fieldsOf(product.data));
    setVariants(product.data.variants.map(draftOf));
  }, [product.data]);

  if (product.loading && !product.data) return <Loading label="Loading product…" />;
  if (!product.data || !fields)
    return (
      <>
        <Breadcrumb />
        <h1>Product</h1>
        <ProblemAlert error={product.error} onRetry={product.reload} />
      </>
    );

  const original = product.data;
  const set = <K extends keyof Fields>(key: K, value: Fields[K]) => setFields({ ...fields, [key]: value });
  const setVariant = (key: string, change: Partial<VariantDraft>) => setVariants(variants.map((v) => (v.key === key ? { ...v, ...change } : v)));

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const before = fieldsOf(original);
    const body: Record<string, unknown> = {};
    for (const key of Object.keys(fields) as Array<keyof Fields>) {
      if (fields[key] === before[key]) continue;
      body[key] = (key === 'categoryId' || key === 'brandId') && fields[key] === '' ? null : fields[key];
    }
    const nextVariants = variantsInput(variants);
    if (JSON.stringify(nextVariants) !== JSON.stringify(variantsInput(original.variants.map(draftOf)))) body.variants = nextVariants;
    setError(undefined);
    setMessage('');
    if (Object.keys(body).length === 0) {
      setMessage('Nothing to save: no field changed.');
      return;
    }
    setSaving(true);
    try {
      const saved = await api<Product>(`/api/catalog/products/${original.id}`, { method: 'PATCH', body, version: original.version });
      product.setData(saved);
      setMessage(`Saved (version ${saved.version}).`);
    } catch (failure) {
      setError(failure);
    } finally {
      setSaving(false);
    }
  };

  const stale = error instanceof ApiError && error.status === 412;
  const categories = refs.data?.categories ?? [];
  return (
    <>
      <Breadcrumb />
      <header className="page-header">
        <div>
          <h1>{original.name}</h1>
          <p className="order-status">
            <StatusBadge status={original.status} /> <span className="muted">Version {original.version} · updated {formatDateTime(original.updatedAt)}</span>
          </p>
        </div>
      </header>
      <form onSubmit={(e) => void save(e)} aria-label="Edit product">
        <section className="card" aria-labelledby="details-heading">
          <h2 id="details-heading">Details</h2>
          <div className="form-grid">
            <div className="field">
              <label htmlFor="p-name">Name</label>
              <input id="p-name" required maxLength={200} value={fields.name} onChange={(e) => set('name', e.target.value)} />
            </div>
            <div className="field">
              <label htmlFor="p-handle">Handle</label>
              <input id="p-handle" required pattern="[a-z0-9]+(-[a-z0-9]+)*" value={fields.handle} onChange={(e) => set('handle', e.target.value)} aria-describedby="p-handle-hint" />
              <span id="p-handle-hint" className="hint">
                Lower-case letters, digits and dashes
              </span>
            </div>
            <div className="field">
              <label htmlFor="p-status">Status</label>
              <select id="p-status" value={fields.status} onChange={(e) => set('status', e.target.value as Fields['status'])}>
                <option value="draft">Draft</option>
                <option value="published">Published</option>
              </select>
            </div>
            <div className="field">
              <label htmlFor="p-category">Category</label>
              <select id="p-category" value={fields.categoryId} onChange={(e) => set('categoryId', e.target.value)}>
                <option value="">No category</option>
                {categories.map((c) => (
                  <option key={c.id} value={c.id}>
                    {categoryLabel(c, categories)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="p-brand">Brand</label>
              <select id="p-brand" value={fields.brandId} onChange={(e) => set('brandId', e.target.value)}>
                <option value="">No brand</option>
                {(refs.data?.brands ?? []).map((b) => (
                  <option key={b.id} value={b.id}>
                    {b.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field span-all">
              <label htmlFor="p-description">Description</label>
              <textarea id="p-description" value={fields.description} onChange={(e) => set('description', e.target.value)} />
            </div>
          </div>
        </section>

        <section className="card" aria-labelledby="variants-heading">
          <h2 id="variants-heading">Variants</h2>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">SKU</th>
                  <th scope="col">Name</th>
                  <th scope="col">Options</th>
                  <th scope="col">Weight (g)</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {variants.map((v, index) => {
                  const label = v.sku || `new variant ${index + 1}`;
                  return (
                    <tr key={v.key}>
                      <td>
                        <input aria-label={`SKU of ${label}`} required value={v.sku} onChange={(e) => setVariant(v.key, { sku: e.target.value })} />
                      </td>
                      <td>
                        <input aria-label={`Name of ${label}`} required value={v.name} onChange={(e) => setVariant(v.key, { name: e.target.value })} />
                      </td>
                      <td>
                        <input aria-label={`Options of ${label}`} placeholder="size=M, color=red" value={v.options} onChange={(e) => setVariant(v.key, { options: e.target.value })} />
                      </td>
                      <td>
                        <input
                          aria-label={`Weight in grams of ${label}`}
                          inputMode="numeric"
                          pattern="[0-9]*"
                          size={6}
                          value={v.weight}
                          onChange={(e) => setVariant(v.key, { weight: e.target.value })}
                        />
                      </td>
                      <td>
                        <button type="button" className="button small danger" onClick={() => setVariants(variants.filter((x) => x.key !== v.key))} disabled={variants.length === 1}>
                          Remove <span className="visually-hidden">{label}</span>
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <p className="table-footer">
            <button type="button" className="button" onClick={() => setVariants([...variants, emptyDraft()])}>
              Add variant
            </button>
            <span className="hint">Variants not listed here are removed on save; a SKU that stays keeps its variant.</span>
          </p>
        </section>

        <ProblemAlert error={error} />
        {stale && (
          <p>
            <button type="button" className="button" onClick={product.reload}>
              Reload the current version (discards your changes)
            </button>
          </p>
        )}
        <div className="button-row">
          <button type="submit" className="button primary" disabled={saving}>
            {saving ? 'Saving…' : 'Save changes'}
          </button>
          <button
            type="button"
            className="button"
            onClick={() => {
              setFields(fieldsOf(original));
              setVariants(original.variants.map(draftOf));
              setError(undefined);
              setMessage('');
            }}
          >
            Discard changes
          </button>
        </div>
        <p role="status" className="status-message">
          {message}
        </p>
      </form>
    </>
  );
}

function Breadcrumb() {
  return (
    <p className="breadcrumb">
      <Link to="/products">Product list</Link>
    </p>
  );
}
