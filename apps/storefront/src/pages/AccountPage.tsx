import { Link } from 'react-router';
import { ACCOUNT } from '../api/queries.ts';
import type { Account, Address, Order } from '../api/types.ts';
import { useAuth } from '../auth/AuthContext.tsx';
import { EmptyState, ErrorNotice, Loading } from '../components/Feedback.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { useQuery } from '../lib/useQuery.ts';
import { useTitle } from '../lib/useTitle.ts';
import './AccountPage.css';

type AccountOrder = Pick<Order, 'id' | 'number' | 'status' | 'placedAt'> & { totals: Pick<Order['totals'], 'grandTotal'>; lines: Array<{ sku: string; name: string; quantity: number }> };
type AccountData = { viewer: { account: Pick<Account, 'id' | 'email' | 'name'> | null; orders: AccountOrder[]; addresses: Address[] } };

/** Order states move on in the back office; refresh while the page is in view. */
const LIVE_STATUS_MS = 5000;

function OrdersTable({ orders }: { orders: AccountOrder[] }) {
  if (!orders.length) {
    return (
      <EmptyState title="No orders yet">
        <p>When you place an order, you can follow it here.</p>
        <Link to="/search" className="button">
          Start shopping
        </Link>
      </EmptyState>
    );
  }
  return (
    <div className="table-scroll">
      <table className="orders">
        <caption className="visually-hidden">Your orders, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Order</th>
            <th scope="col">Placed</th>
            <th scope="col">Items</th>
            <th scope="col">Total</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {orders.map((order) => (
            <tr key={order.id}>
              <th scope="row">
                <Link to={`/orders/${order.id}/confirmation`}>{order.number ?? order.id}</Link>
              </th>
              <td>{new Date(order.placedAt).toLocaleDateString('en', { dateStyle: 'medium' })}</td>
              <td>{order.lines.reduce((sum, line) => sum + line.quantity, 0)}</td>
              <td className="orders__total">{order.totals.grandTotal.formatted}</td>
              <td>
                <StatusBadge status={order.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function AccountPage() {
  useTitle('Your account');
  const { signedIn, signIn } = useAuth();
  const { data, error, loading, refetch } = useQuery<AccountData>(ACCOUNT, {}, { skip: !signedIn, pollMs: LIVE_STATUS_MS });

  if (!signedIn) {
    return (
      <section className="account">
        <h1>Your account</h1>
        <div className="card account__signed-out">
          <p>Sign in to follow your orders and check out faster with your saved addresses.</p>
          <button type="button" className="button" onClick={() => void signIn('/account')}>
            Continue to sign-in
          </button>
        </div>
      </section>
    );
  }

  const viewer = data?.viewer;
  return (
    <section className="account">
      <h1>Your account</h1>
      {viewer?.account && (
        <p className="muted">
          Signed in as {viewer.account.name ? `${viewer.account.name} · ` : ''}
          {viewer.account.email}
        </p>
      )}
      {error !== undefined && <ErrorNotice error={error} retry={() => void refetch()} />}
      {loading && !data ? (
        <Loading label="Loading your orders…" />
      ) : (
        viewer && (
          <div className="account__layout">
            <section aria-labelledby="orders-heading">
              <h2 id="orders-heading">Orders</h2>
              <OrdersTable orders={viewer.orders} />
            </section>
            <section aria-labelledby="addresses-heading">
              <h2 id="addresses-heading">Addresses</h2>
              {viewer.addresses.length === 0 ? (
                <p className="muted">No saved addresses yet. The address of your first order will appear here.</p>
              ) : (
                <ul className="addresses">
                  {viewer.addresses.map((address, index) => (
                    <li key={index} className="card">
                      <address>
                        <strong>{address.name}</strong>
                        <br />
                        {address.line1}
                        {address.line2 && (
                          <>
                            <br />
                            {address.line2}
                          </>
                        )}
                        <br />
                        {address.postalCode} {address.city}
                        <br />
                        {address.country}
                      </address>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          </div>
        )
      )}
    </section>
  );
}
