import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, query } from '../../api/http.ts';
import type { Customer, Page } from '../../api/types.ts';
import { formatDateTime } from '../../ui/format.ts';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { Empty, Loading } from '../../ui/states.tsx';
import { useAsync } from '../../ui/useAsync.ts';
import { usePageTitle } from '../../ui/usePageTitle.ts';
import { TableFooter } from '../../ui/TableFooter.tsx';

const PAGE_SIZE = 50;

/** Customers, searched by name or email and filtered by group; each links to their orders. */
export default function CustomersPage() {
  usePageTitle('Customers');
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const group = params.get('group') ?? '';
  const [more, setMore] = useState<{ items: Customer[]; cursor: string | null; error?: unknown }>({ items: [], cursor: null });
  const list = useAsync(
    async (signal) => {
      const page = await api<Page<Customer>>(`/api/customers/customers${query({ q, group, limit: PAGE_SIZE })}`, { signal });
      setMore({ items: [], cursor: page.nextCursor });
      return page;
    },
    [q, group],
  );
  const groups = useAsync((signal) => api<{ items: Array<{ code: string; name: string }> }>('/api/customers/groups', { signal }).then((g) => g.items), []);

  const search = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next: Record<string, string> = {};
    const text = String(form.get('q') ?? '').trim();
    const chosen = String(form.get('group') ?? '');
    if (text) next.q = text;
    if (chosen) next.group = chosen;
    setParams(next, { replace: true });
  };

  const loadMore = async () => {
    try {
      const page = await api<Page<Customer>>(`/api/customers/customers${query({ q, group, limit: PAGE_SIZE, cursor: more.cursor })}`);
      setMore((m) => ({ items: [...m.items, ...page.items], cursor: page.nextCursor }));
    } catch (error) {
      setMore((m) => ({ ...m, error }));
    }
  };

  const rows = [...(list.data?.items ?? []), ...more.items];
  return (
    <>
      <header className="page-header">
        <h1>Customers</h1>
      </header>
      <form className="filters" role="search" aria-label="Customers" onSubmit={search} key={`${q}|${group}`}>
        <div className="field grow">
          <label htmlFor="customer-q">Search customers</label>
          <input id="customer-q" name="q" type="search" defaultValue={q} placeholder="Name or email" />
        </div>
        <div className="field">
          <label htmlFor="customer-group">Group</label>
          <select id="customer-group" name="group" defaultValue={group}>
            <option value="">Any group</option>
            {(groups.data ?? []).map((g) => (
              <option key={g.code} value={g.code}>
                {g.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button primary">
          Search
        </button>
      </form>
      <ProblemAlert error={list.error ?? more.error} onRetry={list.reload} />
      {list.loading && !list.data ? (
        <Loading label="Loading customers…" />
      ) : list.data && rows.length === 0 ? (
        <Empty>No customers match.</Empty>
      ) : list.data ? (
        <>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Email</th>
                  <th scope="col">Phone</th>
                  <th scope="col">Groups</th>
                  <th scope="col">Company</th>
                  <th scope="col">Since</th>
                  <th scope="col">
                    <span className="visually-hidden">Orders</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((c) => (
                  <tr key={c.id}>
                    <td>{c.name || <span className="muted">—</span>}</td>
                    <td>{c.email ?? '—'}</td>
                    <td>{c.phone ?? '—'}</td>
                    <td>{c.effectiveGroups.length ? c.effectiveGroups.join(', ') : <span className="muted">—</span>}</td>
                    <td>{c.companyId ? <code>{c.companyId}</code> : '—'}</td>
                    <td className="date">{formatDateTime(c.createdAt)}</td>
                    <td>
                      <Link to={`/orders?accountId=${encodeURIComponent(c.accountId)}`}>
                        Order history<span className="visually-hidden"> of {c.name || c.email}</span>
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <TableFooter count={rows.length} noun="customer" hasMore={Boolean(more.cursor)} onMore={() => void loadMore()} />
        </>
      ) : null}
    </>
  );
}
