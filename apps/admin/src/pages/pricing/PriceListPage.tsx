import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, query } from '../../api/http.ts';
import type { Page, PriceList, SkuPrice } from '../../api/types.ts';
import { formatMoney, humanize } from '../../ui/format.ts';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { Empty, Loading } from '../../ui/states.tsx';
import { StatusBadge } from '../../ui/StatusBadge.tsx';
import { useAsync } from '../../ui/useAsync.ts';
import { usePageTitle } from '../../ui/usePageTitle.ts';
import { TableFooter } from '../../ui/TableFooter.tsx';

const PAGE_SIZE = 100;

/** One price list and its prices per SKU (quantity tiers). */
export default function PriceListPage() {
  const { id = '' } = useParams();
  const list = useAsync((signal) => api<PriceList>(`/api/pricing/price-lists/${encodeURIComponent(id)}`, { signal }), [id]);
  const [more, setMore] = useState<{ items: SkuPrice[]; cursor: string | null; error?: unknown }>({ items: [], cursor: null });
  const prices = useAsync(
    async (signal) => {
      const page = await api<Page<SkuPrice>>(`/api/pricing/price-lists/${encodeURIComponent(id)}/prices${query({ limit: PAGE_SIZE })}`, { signal });
      setMore({ items: [], cursor: page.nextCursor });
      return page;
    },
    [id],
  );
  usePageTitle(list.data?.name ?? 'Price list');

  const loadMore = async () => {
    try {
      const page = await api<Page<SkuPrice>>(`/api/pricing/price-lists/${encodeURIComponent(id)}/prices${query({ limit: PAGE_SIZE, cursor: more.cursor })}`);
      setMore((m) => ({ items: [...m.items, ...page.items], cursor: page.nextCursor }));
    } catch (error) {
      setMore((m) => ({ ...m, error }));
    }
  };

  const l = list.data;
  const rows = [...(prices.data?.items ?? []), ...more.items];
  return (
    <>
      <p className="breadcrumb">
        <Link to="/pricing">Price lists and promotions</Link>
      </p>
      <header className="page-header">
        <div>
          <h1>{l ? l.name : 'Price list'}</h1>
          {l && (
            <p className="order-status">
              <StatusBadge status={l.active ? 'active' : 'inactive'} />
              <span className="muted">
                <code>{l.code}</code> · {humanize(l.kind)} · {l.currency} {l.taxMode} · channel {l.channel ?? 'all'} · priority {l.priority}
              </span>
            </p>
          )}
        </div>
      </header>
      <ProblemAlert error={list.error ?? prices.error ?? more.error} onRetry={prices.reload} />
      {prices.loading && !prices.data ? (
        <Loading label="Loading prices…" />
      ) : prices.data && rows.length === 0 ? (
        <Empty>This list has no prices yet.</Empty>
      ) : prices.data ? (
        <>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">SKU</th>
                  <th scope="col" className="num">Unit price</th>
                  <th scope="col">Quantity tiers</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((price) => {
                  const currency = l?.currency ?? 'EUR';
                  const [base, ...tiers] = [...price.tiers].sort((a, b) => a.minQuantity - b.minQuantity);
                  return (
                    <tr key={price.sku}>
                      <td>
                        <Link to={`/inventory?sku=${encodeURIComponent(price.sku)}`}>
                          <code>{price.sku}</code>
                        </Link>
                      </td>
                      <td className="num">{base ? `${base.minQuantity > 1 ? `${base.minQuantity}+ ` : ''}${formatMoney(base.amount, currency)}` : '—'}</td>
                      <td>{tiers.length ? tiers.map((t) => `${t.minQuantity}+: ${formatMoney(t.amount, currency)}`).join(' · ') : <span className="muted">—</span>}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <TableFooter count={rows.length} noun="SKU" hasMore={Boolean(more.cursor)} onMore={() => void loadMore()} />
        </>
      ) : null}
    </>
  );
}
