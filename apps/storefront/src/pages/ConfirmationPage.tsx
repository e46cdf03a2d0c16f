import { Link, useParams } from 'react-router';
import { CHECKOUT, ORDER_BY_ID } from '../api/queries.ts';
import type { Checkout, Order } from '../api/types.ts';
import { useAuth } from '../auth/AuthContext.tsx';
import { loadLastOrder } from '../cart/last-order.ts';
import { CartTotals } from '../components/CartTotals.tsx';
import { Loading } from '../components/Feedback.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { useQuery } from '../lib/useQuery.ts';
import { useTitle } from '../lib/useTitle.ts';
import './ConfirmationPage.css';

/** The order: read as its owner when signed in, else through the guest's checkout (its cart token). */
function useConfirmedOrder(orderId: string): { order: Order | null; loading: boolean } {
  const { signedIn } = useAuth();
  const last = loadLastOrder(orderId);
  const owned = useQuery<{ order: Order | null }>(ORDER_BY_ID, { id: orderId }, { skip: !signedIn, pollMs: 5000 });
  const guest = useQuery<{ checkout: Checkout | null }>(CHECKOUT, { id: last?.checkoutId ?? '' }, { skip: signedIn || !last, cartToken: last?.cartToken, pollMs: 5000 });
  const order = owned.data?.order ?? guest.data?.checkout?.order ?? last?.order ?? null;
  return { order, loading: !order && (owned.loading || guest.loading) };
}

export default function ConfirmationPage() {
  useTitle('Thank you for your order');
  const { id = '' } = useParams();
  const { order, loading } = useConfirmedOrder(id);

  return (
    <section className="confirmation">
      <div className="confirmation__head">
        <span className="confirmation__tick" aria-hidden="true">
          ✓
        </span>
        <h1>Thank you for your order</h1>
        <p>We have received your order and sent a confirmation to {order?.email ?? 'your email address'}.</p>
      </div>

      {loading ? (
        <Loading label="Loading your order…" />
      ) : (
        <div className="card confirmation__card">
          <dl className="confirmation__facts">
            <div>
              <dt>Order number</dt>
              <dd className={order?.number ? undefined : 'confirmation__reference'}>{order?.number ?? id}</dd>
            </div>
            <div>
              <dt>Status</dt>
              <dd>{order ? <StatusBadge status={order.status} /> : <StatusBadge status="placed" />}</dd>
            </div>
            {order?.placedAt && (
              <div>
                <dt>Placed</dt>
                <dd>{new Date(order.placedAt).toLocaleString('en', { dateStyle: 'medium', timeStyle: 'short' })}</dd>
              </div>
            )}
          </dl>
          {order && (
            <>
              <ul className="confirmation__lines">
                {order.lines.map((line) => (
                  <li key={line.sku}>
                    <span>
                      {line.quantity} × {line.name}
                    </span>
                    <span>{line.lineTotal.formatted}</span>
                  </li>
                ))}
              </ul>
              <CartTotals totals={order.totals} />
              {order.shippingAddress && (
                <address className="confirmation__address">
                  <strong>Shipping to</strong>
                  <br />
                  {order.shippingAddress.name}
                  <br />
                  {order.shippingAddress.line1}
                  <br />
                  {order.shippingAddress.postalCode} {order.shippingAddress.city}, {order.shippingAddress.country}
                </address>
              )}
            </>
          )}
        </div>
      )}

      <p className="confirmation__next">
        <Link to="/" className="button">
          Continue shopping
        </Link>
      </p>
    </section>
  );
}
