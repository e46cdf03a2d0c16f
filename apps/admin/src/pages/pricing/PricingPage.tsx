import { Link } from 'react-router';
import { api, query } from '../../api/http.ts';
import type { Page, PriceList } from '../../api/types.ts';
import { formatDateTime, humanize } from '../../ui/format.ts';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { Empty, Loading } from '../../ui/states.tsx';
import { StatusBadge } from '../../ui/StatusBadge.tsx';
import { useAsync } from '../../ui/useAsync.ts';
import { usePageTitle } from '../../ui/usePageTitle.ts';
import { Promotions } from './Promotions.tsx';

/** Price lists (each opens its prices) and promotions. */
export default function PricingPage() {
  usePageTitle('Pricing');
  const lists = useAsync((signal) => api<Page<PriceList>>(`/api/pricing/price-lists${query({ limit: 100 })}`, { signal }), []);
  return (
    <>
      <header className="page-header">
        <h1>Pricing</h1>
      </header>
      <section className="card" aria-labelledby="lists-heading">
        <h2 id="lists-heading">Price lists</h2>
        <ProblemAlert error={lists.error} onRetry={lists.reload} />
        {lists.loading && !lists.data ? (
          <Loading label="Loading price lists…" />
        ) : lists.data?.items.length === 0 ? (
          <Empty>No price lists yet.</Empty>
        ) : lists.data ? (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Code</th>
                  <th scope="col">Kind</th>
                  <th scope="col">For</th>
                  <th scope="col">Currency</th>
                  <th scope="col">Tax</th>
                  <th scope="col">Channel</th>
                  <th scope="col" className="num">Priority</th>
                  <th scope="col">Valid</th>
                  <th scope="col">State</th>
                </tr>
              </thead>
              <tbody>
                {lists.data.items.map((list) => (
                  <tr key={list.id}>
                    <td>
                      <Link to={`/pricing/lists/${list.id}`}>{list.name}</Link>
                    </td>
                    <td>
                      <code>{list.code}</code>
                    </td>
                    <td>{humanize(list.kind)}</td>
                    <td>{list.groupCode ?? list.companyId ?? list.customerId ?? 'Everyone'}</td>
                    <td>{list.currency}</td>
                    <td>{humanize(list.taxMode)}</td>
                    <td>{list.channel ?? 'All'}</td>
                    <td className="num">{list.priority}</td>
                    <td>{validity(list.validFrom, list.validTo)}</td>
                    <td>
                      <StatusBadge status={list.active ? 'active' : 'inactive'} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
      <Promotions />
    </>
  );
}

export function validity(from: string | null, to: string | null): string {
  if (!from && !to) return 'Always';
  if (!to) return `From ${formatDateTime(from)}`;
  if (!from) return `Until ${formatDateTime(to)}`;
  return `${formatDateTime(from)} – ${formatDateTime(to)}`;
}
