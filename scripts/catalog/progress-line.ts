import type { ImportJob } from '../../services/catalog/src/import/job-view.ts';

const count = (n: number) => n.toLocaleString('en-US');

/** `m:ss` or `h:mm:ss`. */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const [h, m, r] = [Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60];
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m);
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(r).padStart(2, '0')}`;
}

/** One line of a running job: rows done of total, rate, ETA and what happened to the items so far. */
export function progressLine(job: ImportJob): string {
  const { rows, items, progress } = job;
  const rate = progress.rowsPerSecond === null ? '– rows/s' : `${count(progress.rowsPerSecond)} rows/s`;
  const eta = progress.etaSeconds === null ? 'ETA –' : `ETA ${duration(progress.etaSeconds)}`;
  return (
    `${job.status.padEnd(9)} ${count(rows.done)} / ${count(rows.total)} rows (${progress.percent.toFixed(1)}%) · ${rate} · ${eta} · ` +
    `${count(items.created)} created, ${count(items.updated)} updated, ${count(items.unchanged)} unchanged, ${count(items.failed)} failed`
  );
}

/** The closing summary of an ended job. */
export function summary(job: ImportJob): string {
  const seconds = job.startedAt && job.finishedAt ? (Date.parse(job.finishedAt) - Date.parse(job.startedAt)) / 1000 : 0;
  const { rows, items } = job;
  const rate = seconds > 0 ? ` (${count(Math.round(rows.done / seconds))} rows/s)` : '';
  return [
    `Import ${job.id} ${job.status} in ${seconds.toFixed(1)} s${rate}: ${count(rows.done)} of ${count(rows.total)} rows read, ${count(rows.failed)} rejected`,
    `${job.kind}: ${count(items.created)} created, ${count(items.updated)} updated, ${count(items.unchanged)} unchanged, ${count(items.failed)} failed`,
    ...(job.error ? [`error: ${job.error}`] : []),
  ].join('\n');
}
