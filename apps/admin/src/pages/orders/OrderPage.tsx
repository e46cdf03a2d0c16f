import { useCallback } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../api/http.ts';
import type { Address, Order, OrderEvent } from '../../api/types.ts';
import { formatDateTime, formatMoney, humanize } from '../../ui/format.ts';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { Loading } from '../../ui/states.tsx';
import { StatusBadge } from '../../ui/StatusBadge.tsx';
import { useAsync } from '../../ui/useAsync.ts';
import { usePageTitle } from '../../ui/usePageTitle.ts';
import { OrderActions } from './OrderActions.tsx';

/** One order: its state, the commands staff can give it, its lines, money and history. */
export default function OrderPage() {
  const { id = '' } = useParams();
  const order = useAsync((signal) => api<Order>(`/api/orders/orders/${encodeURIComponent(id)}`, { signal }), [id]);
  const history = useAsync((signal) => api<{ items: OrderEvent[] }>(`/api/orders/orders/${encodeURIComponent(id)}/history`, { signal }), [id]);
  usePageTitle(order.data ? `Order ${order.data.number}` : 'Order');
  const { setData, data } = order;
  const reloadHistory = history.reload;
  const changed = useCallback(
    (next: Order) => {
      setData(next);
      reloadHistory();
    },
    [setData, reloadHistory],
  );

  if (order.loading && !data) return <Loading label="Loading order…" />;
  if (!data)
    return (
      <>
        <p className="breadcrumb">
          <Link to="/orders">Order board</Link>
        </p>
        <h1>Order</h1>
        <ProblemAlert error={order.error} onRetry={order.reload} />
      </>
    );
  const o = data;
  const money = (minor: number) => formatMoney(minor, o.currency);
  return (
    <>
      <p className="breadcrumb">
        <Link to="/orders">Order board</Link>
      </p>
      <header className="page-header">
        <div>
          <h1>Order {o.number}</h1>
          <p className="order-status">
            Status: <StatusBadge status={o.status} /> <span className="sep">·</span> Payment: <StatusBadge status={o.paymentStatus} />
          </p>
        </div>
        <button type="button" className="button" onClick={order.reload} disabled={order.loading}>
          Refresh
        </button>
      </header>

      <OrderActions order={o} onChanged={changed} />

      <div className="grid-2">
        <section className="card" aria-labelledby="summary-heading">
          <h2 id="summary-heading">Summary</h2>
          <dl className="facts">
            <dt>Placed</dt>
            <dd>{formatDateTime(o.placedAt)}</dd>
            <dt>Last change</dt>
            <dd>{formatDateTime(o.updatedAt)}</dd>
            <dt>Customer</dt>
            <dd>
              {o.email}
              {o.accountId ? (
                <>
                  {' '}
                  (<Link to={`/orders?accountId=${encodeURIComponent(o.accountId)}`}>order history</Link>)
                </>
              ) : (
                ' (guest)'
              )}
            </dd>
            <dt>Channel</dt>
            <dd>{o.channel}</dd>
            <dt>Shipping</dt>
            <dd>{o.shippingMethod}</dd>
            {o.tracking && (
              <>
                <dt>Tracking</dt>
                <dd>
                  {o.tracking.carrier} {o.tracking.trackingUrl ? <a href={o.tracking.trackingUrl}>{o.tracking.trackingNumber}</a> : o.tracking.trackingNumber}
                </dd>
              </>
            )}
            {o.cancellation && (
              <>
                <dt>Cancelled</dt>
                <dd>
                  {formatDateTime(o.cancellation.at)}: {o.cancellation.reason}
                </dd>
              </>
            )}
          </dl>
        </section>
        <section className="card" aria-labelledby="payment-heading">
          <h2 id="payment-heading">Payment</h2>
          <dl className="facts">
            <dt>Authorized</dt>
            <dd>{money(o.payment.authorizedAmount)}</dd>
            <dt>Captured</dt>
            <dd>{money(o.payment.capturedAmount)}</dd>
            <dt>Refunded</dt>
            <dd>{money(o.payment.refundedAmount)}</dd>
          </dl>
          {o.refunds.length > 0 && (
            <ul className="plain-list">
              {o.refunds.map((r) => (
                <li key={r.id}>
                  {formatDateTime(r.at)}: {money(r.amount)} — {r.reason}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>

      <section className="card" aria-labelledby="lines-heading">
        <h2 id="lines-heading">Lines</h2>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">SKU</th>
                <th scope="col">Product</th>
                <th scope="col" className="num">Quantity</th>
                <th scope="col" className="num">Unit price</th>
                <th scope="col" className="num">Discount</th>
                <th scope="col" className="num">Tax</th>
                <th scope="col" className="num">Line total</th>
              </tr>
            </thead>
            <tbody>
              {o.lines.map((line) => (
                <tr key={line.sku}>
                  <td>
                    <Link to={`/inventory?sku=${encodeURIComponent(line.sku)}`}>
                      <code>{line.sku}</code>
                    </Link>
                  </td>
                  <td>{line.name ?? '—'}</td>
                  <td className="num">{line.quantity}</td>
                  <td className="num">{money(line.unitPrice)}</td>
                  <td className="num">{line.discount ? money(-line.discount) : '—'}</td>
                  <td className="num">{money(line.taxAmount)}</td>
                  <td className="num">{money(line.lineTotal)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <Total label="Subtotal" value={money(o.totals.subtotal)} />
              {o.totals.discountTotal > 0 && <Total label="Discounts" value={money(-o.totals.discountTotal)} />}
              <Total label="Shipping" value={money(o.totals.shippingTotal)} />
              <Total label={`Tax (${o.taxMode === 'gross' ? 'included' : 'added'})`} value={money(o.totals.taxTotal)} />
              <Total label="Grand total" value={money(o.totals.grandTotal)} strong />
            </tfoot>
          </table>
        </div>
      </section>

      <div className="grid-2">
        <AddressCard title="Shipping address" address={o.shippingAddress} />
        <AddressCard title="Billing address" address={o.billingAddress} />
      </div>

      <section className="card" aria-labelledby="history-heading">
        <h2 id="history-heading">History</h2>
        <ProblemAlert error={history.error} onRetry={history.reload} />
        {history.data ? (
          <ol className="timeline">
            {history.data.items.map((event) => (
              <li key={event.version}>
                <time dateTime={event.occurredAt}>{formatDateTime(event.occurredAt)}</time> <strong>{humanize(event.type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase())}</strong>
                {event.actor ? <span className="muted"> by {event.actor}</span> : null}
              </li>
            ))}
          </ol>
        ) : history.loading ? (
          <Loading label="Loading history…" />
        ) : null}
      </section>
    </>
  );
}

function Total({ label, value, strong }: { label: string; value: string; strong?: boolean }) {
  return (
    <tr className={strong ? 'grand-total' : undefined}>
      <th scope="row" colSpan={6} className="num">
        {label}
      </th>
      <td className="num">{value}</td>
    </tr>
  );
}

function AddressCard({ title, address }: { title: string; address: Address }) {
  return (
    <section className="card" aria-label={title}>
      <h2>{title}</h2>
      <address>
        {address.name}
        <br />
        {address.line1}
        {address.line2 ? (
          <>
            <br />
            {address.line2}
          </>
        ) : null}
        <br />
        {address.postalCode} {address.city}
        {address.region ? `, ${address.region}` : ''}
        <br />
        {address.country}
        {address.phone ? (
          <>
            <br />
            {address.phone}
          </>
        ) : null}
      </address>
    </section>
  );
}
