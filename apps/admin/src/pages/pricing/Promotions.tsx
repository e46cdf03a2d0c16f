import { useState, type FormEvent } from 'react';
import { api, query } from '../../api/http.ts';
import type { Page, Promotion } from '../../api/types.ts';
import { formatMoney, humanize } from '../../ui/format.ts';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { Empty, Loading } from '../../ui/states.tsx';
import { StatusBadge } from '../../ui/StatusBadge.tsx';
import { useAsync } from '../../ui/useAsync.ts';
import { validity } from './PricingPage.tsx';

function describeAction(p: Promotion): string {
  const { action } = p;
  if (action.percent != null) return `${action.percent} % off ${action.type.includes('items') ? 'items' : 'the order'}`;
  if (action.amount != null) return `${p.currency ? formatMoney(action.amount, p.currency) : action.amount} off ${action.type.includes('items') ? 'items' : 'the order'}`;
  if (action.type === 'buy-x-get-y') return `Buy ${action.buy}, get ${action.get}`;
  return humanize(action.type);
}

/** Promotions, and a form for the common case: a percentage off the whole order. */
export function Promotions() {
  const promotions = useAsync((signal) => api<Page<Promotion>>(`/api/pricing/promotions${query({ limit: 100 })}`, { signal }), []);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [message, setMessage] = useState('');

  const create = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const description = String(form.get('description') ?? '').trim();
    const body = {
      code: String(form.get('code')).trim(),
      name: String(form.get('name')).trim(),
      ...(description ? { description } : {}),
      action: { type: 'percent-off-order', percent: Number(form.get('percent')) },
      active: form.get('active') === 'on',
    };
    setBusy(true);
    setError(undefined);
    setMessage('');
    try {
      const created = await api<Promotion>('/api/pricing/promotions', { method: 'POST', body });
      setMessage(`Promotion “${created.name}” created.`);
      formElement.reset();
      promotions.reload();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <section className="card" aria-labelledby="promotions-heading">
        <h2 id="promotions-heading">Promotions</h2>
        <ProblemAlert error={promotions.error} onRetry={promotions.reload} />
        {promotions.loading && !promotions.data ? (
          <Loading label="Loading promotions…" />
        ) : promotions.data?.items.length === 0 ? (
          <Empty>No promotions yet.</Empty>
        ) : promotions.data ? (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Code</th>
                  <th scope="col">Discount</th>
                  <th scope="col">Conditions</th>
                  <th scope="col">Stacking</th>
                  <th scope="col" className="num">Priority</th>
                  <th scope="col">Valid</th>
                  <th scope="col">State</th>
                </tr>
              </thead>
              <tbody>
                {promotions.data.items.map((p) => (
                  <tr key={p.id}>
                    <td>{p.name}</td>
                    <td>
                      <code>{p.code}</code>
                    </td>
                    <td>{describeAction(p)}</td>
                    <td>{p.conditions.length ? p.conditions.map((c) => humanize(c.type)).join(', ') : 'None'}</td>
                    <td>{humanize(p.stacking)}</td>
                    <td className="num">{p.priority}</td>
                    <td>{validity(p.validFrom, p.validTo)}</td>
                    <td>
                      <StatusBadge status={p.active ? 'active' : 'inactive'} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>

      <section className="card" aria-labelledby="new-promotion-heading">
        <h2 id="new-promotion-heading">New percent-off promotion</h2>
        <form onSubmit={(e) => void create(e)}>
          <div className="form-grid">
            <div className="field">
              <label htmlFor="promo-code">Code</label>
              <input id="promo-code" name="code" required pattern="[a-z0-9][a-z0-9\-]{0,39}" placeholder="summer-sale" aria-describedby="promo-code-hint" />
              <span id="promo-code-hint" className="hint">
                Lower-case letters, digits, dashes
              </span>
            </div>
            <div className="field">
              <label htmlFor="promo-name">Name</label>
              <input id="promo-name" name="name" required maxLength={200} placeholder="Summer sale" />
            </div>
            <div className="field">
              <label htmlFor="promo-percent">Percent off</label>
              <input id="promo-percent" name="percent" type="number" required min={1} max={100} step={1} />
            </div>
            <div className="field span-all">
              <label htmlFor="promo-description">
                Description <span className="optional">(optional)</span>
              </label>
              <input id="promo-description" name="description" maxLength={1000} />
            </div>
            <label className="checkbox">
              <input type="checkbox" name="active" defaultChecked /> Active
            </label>
          </div>
          <button type="submit" className="button primary" disabled={busy}>
            Create promotion
          </button>
        </form>
        <ProblemAlert error={error} />
        <p role="status" className="status-message">
          {message}
        </p>
      </section>
    </>
  );
}
