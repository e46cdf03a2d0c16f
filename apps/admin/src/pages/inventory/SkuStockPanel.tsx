import { useState, type FormEvent } from 'react';
import { api, query } from '../../api/http.ts';
import type { Movement, Page, SkuStock, Warehouse } from '../../api/types.ts';
import { formatDateTime, humanize } from '../../ui/format.ts';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { Loading } from '../../ui/states.tsx';
import { StatusBadge } from '../../ui/StatusBadge.tsx';
import { useAsync } from '../../ui/useAsync.ts';

const TYPES = ['receive', 'return', 'damage', 'loss', 'count'] as const;

/** Stock of one SKU per warehouse, the adjustment form, and its recent movements. */
export function SkuStockPanel({ sku, warehouses }: { sku: string; warehouses: Warehouse[] }) {
  const stock = useAsync((signal) => api<SkuStock>(`/api/inventory/skus/${encodeURIComponent(sku)}`, { signal }), [sku]);
  const movements = useAsync((signal) => api<Page<Movement>>(`/api/inventory/movements${query({ sku, limit: 20 })}`, { signal }), [sku]);
  const [type, setType] = useState<(typeof TYPES)[number]>('receive');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [message, setMessage] = useState('');

  const adjust = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const amount = Number(form.get('quantity'));
    const body = {
      warehouse: String(form.get('warehouse')),
      sku,
      type,
      reason: String(form.get('reason')).trim(),
      ...(type === 'count' ? { countedOnHand: amount } : { quantity: amount }),
    };
    setBusy(true);
    setError(undefined);
    setMessage('');
    try {
      const movement = await api<Movement>('/api/inventory/adjustments', { method: 'POST', body });
      setMessage(`${humanize(movement.type)} recorded in ${movement.warehouse}: on hand ${movement.before.onHand} → ${movement.after.onHand}.`);
      formElement.reset();
      stock.reload();
      movements.reload();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const s = stock.data;
  return (
    <>
      <section className="card" aria-labelledby="stock-heading">
        <h2 id="stock-heading">
          Stock of <code>{sku}</code>
        </h2>
        <ProblemAlert error={stock.error} onRetry={stock.reload} />
        {stock.loading && !s ? (
          <Loading label="Loading stock…" />
        ) : s ? (
          <>
            <dl className="facts">
              <dt>Available</dt>
              <dd>
                <strong>{s.available}</strong> <StatusBadge status={s.inStock ? 'active' : 'failed'} label={s.inStock ? 'In stock' : 'Out of stock'} />
              </dd>
              <dt>On hand / reserved</dt>
              <dd>
                {s.onHand} / {s.reserved}
              </dd>
              <dt>Backorders</dt>
              <dd>
                {humanize(s.backorder.policy)}
                {s.backorder.limit != null ? ` up to ${s.backorder.limit}` : ''} · held {s.backorder.held} · owed {s.backorder.owed}
              </dd>
            </dl>
            <div className="table-wrap" style={{ marginTop: '0.75rem' }}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">Warehouse</th>
                    <th scope="col" className="num">On hand</th>
                    <th scope="col" className="num">Reserved</th>
                    <th scope="col" className="num">Available</th>
                  </tr>
                </thead>
                <tbody>
                  {s.warehouses.map((w) => (
                    <tr key={w.code}>
                      <td>
                        {w.name} <code>{w.code}</code> {w.active ? null : <StatusBadge status="inactive" />}
                      </td>
                      <td className="num">{w.onHand}</td>
                      <td className="num">{w.reserved}</td>
                      <td className="num">{w.available}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        ) : null}
      </section>

      <section className="card" aria-labelledby="adjust-heading">
        <h2 id="adjust-heading">Adjust stock</h2>
        <form className="filters" onSubmit={(e) => void adjust(e)}>
          <div className="field">
            <label htmlFor="adj-warehouse">Warehouse</label>
            <select id="adj-warehouse" name="warehouse" required>
              {warehouses
                .filter((w) => w.active)
                .map((w) => (
                  <option key={w.code} value={w.code}>
                    {w.name} ({w.code})
                  </option>
                ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="adj-type">Type</label>
            <select id="adj-type" value={type} onChange={(e) => setType(e.target.value as (typeof TYPES)[number])}>
              {TYPES.map((t) => (
                <option key={t} value={t}>
                  {humanize(t)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="adj-quantity">{type === 'count' ? 'Counted on hand' : 'Quantity'}</label>
            <input id="adj-quantity" name="quantity" type="number" required min={type === 'count' ? 0 : 1} max={100000} step={1} size={8} />
          </div>
          <div className="field grow">
            <label htmlFor="adj-reason">Reason</label>
            <input id="adj-reason" name="reason" required maxLength={500} placeholder="Delivery note, incident, stock count…" />
          </div>
          <button type="submit" className="button primary" disabled={busy || warehouses.length === 0}>
            Adjust stock
          </button>
        </form>
        <ProblemAlert error={error} />
        <p role="status" className="status-message">
          {message}
        </p>
      </section>

      <section className="card" aria-labelledby="movements-heading">
        <h2 id="movements-heading">Recent movements</h2>
        <ProblemAlert error={movements.error} onRetry={movements.reload} />
        {movements.data && movements.data.items.length === 0 ? (
          <p className="muted">No movements yet.</p>
        ) : movements.data ? (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Warehouse</th>
                  <th scope="col">Type</th>
                  <th scope="col" className="num">On hand</th>
                  <th scope="col" className="num">Reserved</th>
                  <th scope="col">Reason</th>
                  <th scope="col">By</th>
                </tr>
              </thead>
              <tbody>
                {movements.data.items.map((m) => (
                  <tr key={m.id}>
                    <td className="date">{formatDateTime(m.createdAt)}</td>
                    <td>
                      <code>{m.warehouse}</code>
                    </td>
                    <td>{humanize(m.type)}</td>
                    <td className="num">
                      {m.before.onHand} → {m.after.onHand}
                    </td>
                    <td className="num">
                      {m.before.reserved} → {m.after.reserved}
                    </td>
                    <td>{m.reason}</td>
                    <td className="muted">{m.actor}</td>
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
