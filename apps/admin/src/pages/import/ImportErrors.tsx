import { useState } from 'react';
import { api, query, request } from '../../api/http.ts';
import type { ImportError } from '../../api/types.ts';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { Loading } from '../../ui/states.tsx';
import { useAsync } from '../../ui/useAsync.ts';

const PAGE_SIZE = 100;

/** The rows an import rejected, page by page, with the whole report as a CSV download. */
export function ImportErrors({ jobId }: { jobId: string }) {
  const [more, setMore] = useState<{ items: ImportError[]; after: number | null; error?: unknown }>({ items: [], after: null });
  const [downloadError, setDownloadError] = useState<unknown>();
  const path = `/api/catalog/imports/${encodeURIComponent(jobId)}/errors`;
  const first = useAsync(
    async (signal) => {
      const page = await api<{ items: ImportError[]; nextAfter: number | null }>(`${path}${query({ format: 'json', limit: PAGE_SIZE })}`, { signal });
      setMore({ items: [], after: page.nextAfter });
      return page;
    },
    [jobId],
  );

  const loadMore = async () => {
    try {
      const page = await api<{ items: ImportError[]; nextAfter: number | null }>(`${path}${query({ format: 'json', limit: PAGE_SIZE, after: more.after })}`);
      setMore((m) => ({ items: [...m.items, ...page.items], after: page.nextAfter }));
    } catch (error) {
      setMore((m) => ({ ...m, error }));
    }
  };

  // The report needs the bearer token, so it is fetched and handed to the browser as a file.
  const download = async () => {
    setDownloadError(undefined);
    try {
      const blob = await (await request(`${path}?format=csv`)).blob();
      const url = URL.createObjectURL(blob);
      const link = Object.assign(document.createElement('a'), { href: url, download: `import-${jobId}-errors.csv` });
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (error) {
      setDownloadError(error);
    }
  };

  const items = [...(first.data?.items ?? []), ...more.items];
  return (
    <section className="card" aria-labelledby="errors-heading">
      <header className="page-header">
        <h2 id="errors-heading">Error report</h2>
        <button type="button" className="button" onClick={() => void download()}>
          Download CSV
        </button>
      </header>
      <ProblemAlert error={first.error ?? more.error ?? downloadError} />
      {first.loading && !first.data ? (
        <Loading label="Loading the rejected rows…" />
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Rows the import rejected</caption>
            <thead>
              <tr>
                <th scope="col" className="num">Line</th>
                <th scope="col">Item</th>
                <th scope="col">Field</th>
                <th scope="col">Code</th>
                <th scope="col">Message</th>
              </tr>
            </thead>
            <tbody>
              {items.map((e) => (
                <tr key={e.position}>
                  <td className="num">{e.line}</td>
                  <td>{e.item ? <code>{e.item}</code> : '—'}</td>
                  <td>{e.field ? <code>{e.field}</code> : '—'}</td>
                  <td>
                    <code>{e.code}</code>
                  </td>
                  <td>{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {more.after != null && (
        <p className="table-footer">
          <button type="button" className="button" onClick={() => void loadMore()}>
            Load more errors
          </button>
        </p>
      )}
    </section>
  );
}
