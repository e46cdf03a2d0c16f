import { newId } from '@mercato/kit';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { ImportFormat, ImportKind } from './records.ts';
import type { RowError } from './row-error.ts';
import type { ImportDb, ImportTables } from './tables.ts';


export type JobRow = Selectable<ImportTables['import_jobs']>;

/** Counters a job adds to after each batch. */
export interface JobProgress {
  rowsDone: number;
  rowsFailed: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
}

export function emptyProgress(): JobProgress {
  return { rowsDone: 0, rowsFailed: 0, created: 0, updated: 0, unchanged: 0, failed: 0 };
}

export async function createJob(db: Kysely<ImportDb>, job: { kind: ImportKind; format: ImportFormat; createdBy: string }): Promise<JobRow> {
  return db
    .insertInto('import_jobs')
    .values({ id: newId('imp'), kind: job.kind, format: job.format, status: 'queued', created_by: job.createdBy, error: null, started_at: null, finished_at: null })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findJob(db: Kysely<ImportDb>, id: string): Promise<JobRow | undefined> {
  return db.selectFrom('import_jobs').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function markUploaded(db: Kysely<ImportDb>, id: string, bytes: number, rowsTotal: number): Promise<void> {
  await db.updateTable('import_jobs').set({ file_bytes: bytes, rows_total: rowsTotal }).where('id', '=', id).execute();
}

export async function markRunning(db: Kysely<ImportDb>, id: string): Promise<void> {
  await db.updateTable('import_jobs').set({ status: 'running', started_at: new Date() }).where('id', '=', id).execute();
}

export async function finishJob(db: Kysely<ImportDb>, id: string, error?: string): Promise<void> {
  await db
    .updateTable('import_jobs')
    .set({ status: error === undefined ? 'succeeded' : 'failed', error: error ?? null, finished_at: new Date() })
    .where('id', '=', id)
    .execute();
}

/** Keeps the jobs this process holds (queued or running) from looking interrupted. */
export async function touchJobs(db: Kysely<ImportDb>, ids: readonly string[]): Promise<void> {
  if (ids.length > 0) await db.updateTable('import_jobs').set({ heartbeat_at: new Date() }).where('id', 'in', ids).execute();
}

/**
 * Fails jobs whose process stopped touching them (it crashed or restarted): their upload was on
 * that process's disk. Re-importing the file is cheap: unchanged products are skipped.
 */
export async function failInterruptedJobs(db: Kysely<ImportDb>, staleAfterSeconds: number): Promise<number> {
  const result = await db
    .updateTable('import_jobs')
    .set({ status: 'failed', error: 'interrupted: the catalog stopped while the job ran; import the file again (unchanged products are skipped)', finished_at: new Date() })
    .where('status', 'in', ['queued', 'running'])
    .where('heartbeat_at', '<', sql<Date>`now() - make_interval(secs => ${staleAfterSeconds})`)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Adds a batch's counters and rejected rows (errors are numbered in the order found). */
export async function recordProgress(db: Kysely<ImportDb>, id: string, delta: JobProgress, errors: readonly RowError[], firstPosition: number): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable('import_jobs')
      .set({
        rows_done: sql`rows_done + ${delta.rowsDone}`,
        rows_failed: sql`rows_failed + ${delta.rowsFailed}`,
        created: sql`created + ${delta.created}`,
        updated: sql`updated + ${delta.updated}`,
        unchanged: sql`unchanged + ${delta.unchanged}`,
        failed: sql`failed + ${delta.failed}`,
        heartbeat_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
    for (let i = 0; i < errors.length; i += 1000) {
      const chunk = errors.slice(i, i + 1000);
      await tx
        .insertInto('import_errors')
        .values(chunk.map((e, n) => ({ job_id: id, position: firstPosition + i + n, line: e.line, item: e.item ?? null, field: e.field ?? null, code: e.code, message: e.message })))
        .execute();
    }
  });
}

/** A page of a job's errors in file order. */
export async function listErrors(db: Kysely<ImportDb>, id: string, after: number, limit: number) {
  return db
    .selectFrom('import_errors')
    .select(['position', 'line', 'item', 'field', 'code', 'message'])
    .where('job_id', '=', id)
    .where('position', '>', after)
    .orderBy('position')
    .limit(limit)
    .execute();
}
