import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { ServiceContext } from '@mercato/kit';
import { importAttributes } from './import-attributes.ts';
import { importCategories } from './import-categories.ts';
import { importProducts, type ProgressSink } from './import-products.ts';
import { failInterruptedJobs, finishJob, markRunning, recordProgress, touchJobs, type JobRow } from './jobs.store.ts';
import { ImportFileError } from './row-error.ts';
import type { ImportDb } from './tables.ts';

const HEARTBEAT_MS = 15_000;
const STALE_AFTER_S = 60;

/**
 * Runs import jobs in this process, one at a time, in the background. Uploaded files are deleted
 * once their job ends. Jobs of a process that stopped are marked failed (checked at start and every
 * heartbeat, by every replica).
 */
export class ImportRunner {
  private queue: Promise<void> = Promise.resolve();
  private readonly held = new Set<string>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly ctx: ServiceContext<ImportDb>) {}

  async start(): Promise<void> {
    await failInterruptedJobs(this.ctx.db, STALE_AFTER_S);
    this.timer = setInterval(() => {
      void touchJobs(this.ctx.db, [...this.held])
        .then(() => failInterruptedJobs(this.ctx.db, STALE_AFTER_S))
        .catch((error: unknown) => this.ctx.log.warn({ err: error }, 'import heartbeat failed'));
    }, HEARTBEAT_MS);
    this.timer.unref();
    this.ctx.onClose(() => this.stop());
  }

  /** Queues a job whose file is at `path`; resolves when it has ended (tests await it, the API does not). */
  enqueue(job: JobRow, path: string): Promise<void> {
    this.held.add(job.id);
    const run = this.queue.then(() => this.run(job, path));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.queue;
  }

  private async run(job: JobRow, path: string): Promise<void> {
    const { db, log } = this.ctx;
    let position = 0;
    const report: ProgressSink = async (delta, errors) => {
      await recordProgress(db, job.id, delta, errors, position + 1);
      position += errors.length;
    };
    const started = performance.now();
    try {
      await markRunning(db, job.id);
      const input = createReadStream(path, { highWaterMark: 1 << 20 });
      const importer = job.kind === 'products' ? importProducts : job.kind === 'categories' ? importCategories : importAttributes;
      await importer(this.ctx, input, job.format, report);
      await finishJob(db, job.id);
      log.info({ job: job.id, kind: job.kind, seconds: Math.round((performance.now() - started) / 100) / 10 }, 'import finished');
    } catch (error) {
      const message = error instanceof ImportFileError ? error.message : 'the import stopped on an unexpected error; see the catalog log';
      if (!(error instanceof ImportFileError)) log.error({ err: error, job: job.id }, 'import failed');
      await finishJob(db, job.id, message).catch(() => undefined);
    } finally {
      this.held.delete(job.id);
      await rm(path, { force: true });
    }
  }
}
