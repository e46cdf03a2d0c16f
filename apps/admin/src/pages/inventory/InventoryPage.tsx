import { type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../../api/http.ts';
import type { Warehouse } from '../../api/types.ts';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { Empty, Loading } from '../../ui/states.tsx';
import { StatusBadge } from '../../ui/StatusBadge.tsx';
import { useAsync } from '../../ui/useAsync.ts';
import { usePageTitle } from '../../ui/usePageTitle.ts';
import { SkuStockPanel } from './SkuStockPanel.tsx';

/** Warehouses, and the stock of one SKU (kept in the URL) with its adjustments. */
export default function InventoryPage() {
  usePageTitle('Inventory');
  const [params, setParams] = useSearchParams();
  const sku = params.get('sku') ?? '';
  const warehouses = useAsync((signal) => api<{ items: Warehouse[] }>('/api/inventory/warehouses', { signal }).then((w) => w.items), []);

  const lookUp = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = String(new FormData(event.currentTarget).get('sku') ?? '').trim();
    setParams(value ? { sku: value } : {});
  };

  return (
    <>
      <header className="page-header">
        <h1>Inventory</h1>
      </header>
      <form className="filters" role="search" aria-label="Stock of a SKU" onSubmit={lookUp} key={sku}>
        <div className="field grow">
          <label htmlFor="stock-sku">SKU</label>
          <input id="stock-sku" name="sku" defaultValue={sku} required placeholder="e.g. DEMO-0001-M" autoComplete="off" />
        </div>
        <button type="submit" className="button primary">
          Look up stock
        </button>
      </form>
      {sku && <SkuStockPanel sku={sku} warehouses={warehouses.data ?? []} />}

      <section className="card" aria-labelledby="warehouses-heading">
        <h2 id="warehouses-heading">Warehouses</h2>
        <ProblemAlert error={warehouses.error} onRetry={warehouses.reload} />
        {warehouses.loading && !warehouses.data ? (
          <Loading label="Loading warehouses…" />
        ) : warehouses.data?.length === 0 ? (
          <Empty>No warehouses yet.</Empty>
        ) : warehouses.data ? (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">Warehouses in allocation order</caption>
              <thead>
                <tr>
                  <th scope="col">Code</th>
                  <th scope="col">Name</th>
                  <th scope="col" className="num">Priority</th>
                  <th scope="col">State</th>
                </tr>
              </thead>
              <tbody>
                {warehouses.data.map((w) => (
                  <tr key={w.code}>
                    <td>
                      <code>{w.code}</code>
                    </td>
                    <td>{w.name}</td>
                    <td className="num">{w.priority}</td>
                    <td>
                      <StatusBadge status={w.active ? 'active' : 'inactive'} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
    </>
  );
}
