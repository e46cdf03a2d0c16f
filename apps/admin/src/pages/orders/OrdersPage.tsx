import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, query } from '../../api/http.ts';
import { ORDER_STATUSES, PAYMENT_STATUSES, type OrderSummary, type Page } from '../../api/types.ts';
import { formatDateTime, formatMoney, humanize } from '../../ui/format.ts';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { Empty, Loading } from '../../ui/states.tsx';
import { StatusBadge } from '../../ui/StatusBadge.tsx';
import { useAsync } from '../../ui/useAsync.ts';
import { usePageTitle } from '../../ui/usePageTitle.ts';
import { TableFooter } from '../../ui/TableFooter.tsx';

const PAGE_SIZE = 50;

/** The staff order board: every order, newest first, filtered by state (kept in the URL). */
export default function OrdersPage() {
  usePageTitle('Orders');
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? '';
  const paymentStatus = params.get('paymentStatus') ?? '';
  const accountId = params.get('accountId') ?? '';
  const [more, setMore] = useState<{ items: OrderSummary[]; cursor: string | null; error?: unknown; loading?: boolean }>({ items: [], cursor: null });

  const board = useAsync(
    async (signal) => {
      const page = await api<Page<OrderSummary>>(`/api/orders/orders${query({ limit: PAGE_SIZE, status, paymentStatus, accountId })}`, { signal });
      setMore({ items: [], cursor: page.nextCursor });
      return page;
    },
    [status, paymentStatus, accountId],
  );

  const setFilter = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };

  const loadMore = async () => {
    if (!more.cursor) return;
    setMore((m) => ({ ...m, loading: true, error: undefined }));
    try {
      const page = await api<Page<OrderSummary>>(`/api/orders/orders${query({ limit: PAGE_SIZE, status, paymentStatus, accountId, cursor: more.cursor })}`);
      setMore((m) => ({ items: [...m.items, ...page.items], cursor: page.nextCursor }));
    } catch (error) {
      setMore((m) => ({ ...m, loading: false, error }));
    }
  };

  const orders = [...(board.data?.items ?? []), ...more.items];
  return (
    <>
      <header className="page-header">
        <h1>Orders</h1>
        <button type="button" className="button" onClick={board.reload} disabled={board.loading}>
          Refresh
        </button>
      </header>
      <form className="filters" role="search" aria-label="Filter orders" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="filter-state">State</label>
          <select id="filter-state" value={status} onChange={(e) => setFilter('status', e.target.value)}>
            <option value="">All states</option>
            {ORDER_STATUSES.map((s) => (
              <option key={s} value={s}>
                {humanize(s)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-payment">Payment</label>
          <select id="filter-payment" value={paymentStatus} onChange={(e) => setFilter('paymentStatus', e.target.value)}>
            <option value="">Any payment</option>
            {PAYMENT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {humanize(s)}
              </option>
            ))}
          </select>
        </div>
        {accountId && (
          <p className="filter-chip">
            Customer <code>{accountId}</code>{' '}
            <button type="button" className="button small" onClick={() => setFilter('accountId', '')}>
              Show all customers
            </button>
          </p>
        )}
      </form>
      <ProblemAlert error={board.error} onRetry={board.reload} />
      {board.loading && !board.data ? (
        <Loading label="Loading orders…" />
      ) : board.data && orders.length === 0 ? (
        <Empty>No orders match these filters.</Empty>
      ) : board.data ? (
        <>
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">Orders, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Order</th>
                  <th scope="col">Customer</th>
                  <th scope="col">Status</th>
                  <th scope="col">Payment</th>
                  <th scope="col" className="num">Items</th>
                  <th scope="col" className="num">Total</th>
                  <th scope="col">Placed</th>
                </tr>
              </thead>
              <tbody>
                {orders.map((order) => (
                  <tr key={order.id}>
                    <td>
                      <Link to={`/orders/${order.id}`}>{order.number}</Link>
                    </td>
                    <td>{order.email}</td>
                    <td>
                      <StatusBadge status={order.status} />
                    </td>
                    <td>
                      <StatusBadge status={order.paymentStatus} />
                    </td>
                    <td className="num">{order.itemCount}</td>
                    <td className="num">{formatMoney(order.grandTotal, order.currency)}</td>
                    <td className="date">
                      <time dateTime={order.placedAt}>{formatDateTime(order.placedAt)}</time>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <ProblemAlert error={more.error} />
          <TableFooter count={orders.length} noun="order" hasMore={Boolean(more.cursor)} loading={more.loading} onMore={() => void loadMore()} />
        </>
      ) : null}
    </>
  );
}
