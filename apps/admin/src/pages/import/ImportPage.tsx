import { useEffect, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { api, request } from '../../api/http.ts';
import type { ImportJob } from '../../api/types.ts';
import { formatCount, formatDateTime } from '../../ui/format.ts';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { StatusBadge } from '../../ui/StatusBadge.tsx';
import { usePageTitle } from '../../ui/usePageTitle.ts';
import { ImportErrors } from './ImportErrors.tsx';

const POLL_MS = 1000;
const finished = (job: ImportJob) => job.status === 'succeeded' || job.status === 'failed';

/**
 * CSV import: the file is the request body; the job runs in the background and this page polls its
 * progress, then shows the rows it rejected. The job id stays in the URL, so a reload keeps watching.
 */
export default function ImportPage() {
  usePageTitle('Import');
  const [params, setParams] = useSearchParams();
  const jobId = params.get('job');
  const [job, setJob] = useState<ImportJob>();
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    if (!jobId) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const next = await api<ImportJob>(`/api/catalog/imports/${encodeURIComponent(jobId)}`);
        if (stopped) return;
        setJob(next);
        if (!finished(next)) timer = setTimeout(() => void poll(), POLL_MS);
      } catch (failure) {
        if (!stopped) setError(failure);
      }
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [jobId]);

  const upload = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get('file');
    if (!(file instanceof File) || file.size === 0) {
      setError(new Error('Choose a non-empty CSV file.'));
      return;
    }
    setUploading(true);
    setError(undefined);
    setJob(undefined);
    try {
      const response = await request(`/api/catalog/imports?kind=${encodeURIComponent(String(form.get('kind')))}`, { method: 'POST', body: file, contentType: 'text/csv' });
      const created = (await response.json()) as ImportJob;
      setJob(created);
      setParams({ job: created.id });
    } catch (failure) {
      setError(failure);
    } finally {
      setUploading(false);
    }
  };

  return (
    <>
      <header className="page-header">
        <h1>Import</h1>
      </header>
      <section className="card" aria-labelledby="upload-heading">
        <h2 id="upload-heading">Upload a CSV file</h2>
        <form className="filters" onSubmit={(e) => void upload(e)}>
          <div className="field">
            <label htmlFor="import-kind">Kind</label>
            <select id="import-kind" name="kind" defaultValue="products">
              <option value="products">Products</option>
              <option value="categories">Categories</option>
              <option value="attributes">Attribute definitions</option>
            </select>
          </div>
          <div className="field grow">
            <label htmlFor="import-file">CSV file</label>
            <input id="import-file" name="file" type="file" accept=".csv,text/csv" required aria-describedby="import-hint" />
          </div>
          <button type="submit" className="button primary" disabled={uploading}>
            {uploading ? 'Uploading…' : 'Upload'}
          </button>
        </form>
        <p id="import-hint" className="hint">
          Products: one row per variant with columns <code>handle</code>, <code>name</code>, <code>sku</code> (required) and <code>description</code>,{' '}
          <code>status</code>, <code>category</code>, <code>brand</code>, <code>option.&lt;name&gt;</code>, <code>attr.&lt;code&gt;</code>… Products are upserted by
          handle, variants by SKU. The export (<code>GET /api/catalog/exports/products</code>) writes the same format.
        </p>
        <ProblemAlert error={error} />
      </section>
      {job && <JobProgress job={job} />}
      {job && finished(job) && (job.rows.failed > 0 || job.items.failed > 0) && <ImportErrors jobId={job.id} />}
    </>
  );
}

function JobProgress({ job }: { job: ImportJob }) {
  const percent = Math.max(0, Math.min(100, Math.round(job.progress.percent)));
  return (
    <section className="card" aria-labelledby="job-heading">
      <h2 id="job-heading">
        Import job <code>{job.id}</code> <StatusBadge status={job.status} />
      </h2>
      <div className="progress">
        <label htmlFor="import-progress">Import progress</label>
        <progress id="import-progress" max={100} value={percent} aria-valuetext={`${percent} %, ${job.rows.done} of ${job.rows.total} rows`}>
          {percent} %
        </progress>
        <p className="muted" aria-live="polite">
          {percent} % · {formatCount(job.rows.done)} of about {formatCount(job.rows.total)} rows
          {job.progress.rowsPerSecond != null && job.status === 'running' ? ` · ${formatCount(Math.round(job.progress.rowsPerSecond))} rows/s` : ''}
          {job.progress.etaSeconds != null && job.status === 'running' ? ` · about ${Math.ceil(job.progress.etaSeconds)} s left` : ''}
        </p>
      </div>
      <ul className="stats" aria-label="Results">
        <li>
          Created <strong>{formatCount(job.items.created)}</strong>
        </li>
        <li>
          Updated <strong>{formatCount(job.items.updated)}</strong>
        </li>
        <li>
          Unchanged <strong>{formatCount(job.items.unchanged)}</strong>
        </li>
        <li>
          Failed <strong>{formatCount(job.items.failed)}</strong> ({formatCount(job.rows.failed)} rows)
        </li>
        <li className="muted">
          {formatCount(job.fileBytes)} bytes · started {formatDateTime(job.startedAt)}
          {job.finishedAt ? ` · finished ${formatDateTime(job.finishedAt)}` : ''}
        </li>
      </ul>
      {job.error && (
        <div role="alert" className="alert">
          <p className="alert-title">The import failed</p>
          <p>{job.error}</p>
        </div>
      )}
    </section>
  );
}
