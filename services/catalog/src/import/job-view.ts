import { Type, type Static } from '@sinclair/typebox';
import type { JobRow } from './jobs.store.ts';

/** An import job as the API shows it. */
export const ImportJob = Type.Object({
  id: Type.String(),
  kind: Type.Union([Type.Literal('products'), Type.Literal('categories'), Type.Literal('attributes')]),
  format: Type.Union([Type.Literal('csv'), Type.Literal('ndjson')]),
  status: Type.Union([Type.Literal('queued'), Type.Literal('running'), Type.Literal('succeeded'), Type.Literal('failed')], {
    description: 'succeeded: the file was read to the end (rows may still have been rejected; see rows.failed)',
  }),
  fileBytes: Type.Integer(),
  rows: Type.Object({
    total: Type.Integer({ description: 'Data rows in the file, counted from its line breaks at upload (an estimate when CSV fields contain line breaks)' }),
    done: Type.Integer(),
    failed: Type.Integer(),
  }),
  items: Type.Object(
    { created: Type.Integer(), updated: Type.Integer(), unchanged: Type.Integer(), failed: Type.Integer() },
    { description: 'Products, categories or attribute definitions (the job kind), by outcome' },
  ),
  progress: Type.Object({
    percent: Type.Number(),
    rowsPerSecond: Type.Union([Type.Number(), Type.Null()]),
    etaSeconds: Type.Union([Type.Number(), Type.Null()]),
  }),
  error: Type.Union([Type.String(), Type.Null()], { description: 'Why the whole job failed' }),
  createdAt: Type.String({ format: 'date-time' }),
  startedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  finishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type ImportJob = Static<typeof ImportJob>;

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

export function jobView(job: JobRow, now = new Date()): ImportJob {
  const total = job.format === 'csv' && job.kind !== 'attributes' ? Math.max(0, job.rows_total - 1) : job.rows_total;
  const ended = job.finished_at ?? now;
  const seconds = job.started_at ? (ended.getTime() - job.started_at.getTime()) / 1000 : 0;
  const rate = seconds > 0 && job.rows_done > 0 ? job.rows_done / seconds : null;
  const finished = job.status === 'succeeded' || job.status === 'failed';
  return {
    id: job.id,
    kind: job.kind,
    format: job.format,
    status: job.status,
    fileBytes: Number(job.file_bytes),
    rows: { total, done: job.rows_done, failed: job.rows_failed },
    items: { created: job.created, updated: job.updated, unchanged: job.unchanged, failed: job.failed },
    progress: {
      percent: job.status === 'succeeded' ? 100 : total > 0 ? round(Math.min(100, (100 * job.rows_done) / total)) : 0,
      rowsPerSecond: rate === null ? null : round(rate, 0),
      etaSeconds: finished ? 0 : rate === null ? null : round(Math.max(0, total - job.rows_done) / rate),
    },
    error: job.error,
    createdAt: job.created_at.toISOString(),
    startedAt: job.started_at?.toISOString() ?? null,
    finishedAt: job.finished_at?.toISOString() ?? null,
  };
}
