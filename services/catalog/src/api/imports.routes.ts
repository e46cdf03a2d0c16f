import { join } from 'node:path';
import { Readable } from 'node:stream';
import { kitErrors, newId, problem, type ServiceApp, type ServiceContext } from '@mercato/kit';
import { Type } from '@sinclair/typebox';
import type { Kysely } from 'kysely';
import { CATALOG_WRITERS } from '../domain/product.ts';
import { exportRoutes } from './exports.routes.ts';
import { csvLine } from '../export/csv.ts';
import { ImportRunner } from '../import/job-runner.ts';
import { ImportJob, jobView } from '../import/job-view.ts';
import { createJob, findJob, listErrors, markUploaded } from '../import/jobs.store.ts';
import type { ImportDb } from '../import/tables.ts';
import { saveUpload, uploadDir, UploadTooLargeError } from '../import/upload.ts';

const tags = ['imports'];
const FORMATS: Record<string, 'csv' | 'ndjson'> = { 'text/csv': 'csv', 'application/x-ndjson': 'ndjson' };
const DEFAULT_MAX_BYTES = 4 * 1024 ** 3;

const JobParams = Type.Object({ id: Type.String({ maxLength: 64 }) });
const ImportError = Type.Object({
  position: Type.Integer(),
  line: Type.Integer({ description: 'Line of the file (the header is line 1)' }),
  item: Type.Union([Type.String(), Type.Null()], { description: 'Handle, slug or code of the rejected item' }),
  field: Type.Union([Type.String(), Type.Null()], { description: 'CSV column or JSON path' }),
  code: Type.String(),
  message: Type.String(),
});

/** The bulk admin API: imports (below) and exports. */
export function transferRoutes(app: ServiceApp, ctx: ServiceContext<any>): void {
  importRoutes(app, ctx);
  exportRoutes(app, ctx);
}

/**
 * Bulk import admin API: upload a file (streamed to disk), follow the job's progress, read its
 * rejected rows. Jobs run in this process, in the background.
 */
export function importRoutes(app: ServiceApp, ctx: ServiceContext<any>): void {
  const db = ctx.db as Kysely<ImportDb>;
  const runner = new ImportRunner(ctx as ServiceContext<ImportDb>);
  void runner.start().catch((error: unknown) => ctx.log.error({ err: error }, 'import runner did not start'));
  const maxBytes = Number(ctx.env.CATALOG_IMPORT_MAX_BYTES) || DEFAULT_MAX_BYTES;

  // The file is streamed to disk by the handler, never parsed or buffered here.
  app.addContentTypeParser(Object.keys(FORMATS), (_request, payload, done) => done(null, payload));

  app.post(
    '/api/catalog/imports',
    {
      config: { access: CATALOG_WRITERS },
      schema: {
        tags,
        summary: 'Import a CSV or NDJSON file (the request body) in the background',
        description: 'Send `text/csv` or `application/x-ndjson`. Formats: docs/reference/catalog-import.md.',
        querystring: Type.Object(
          { kind: Type.Union([Type.Literal('products'), Type.Literal('categories'), Type.Literal('attributes')], { default: 'products' }) },
          { additionalProperties: false },
        ),
        response: { 202: ImportJob },
      },
    },
    async (request, reply) => {
      const mediaType = String(request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      const format = FORMATS[mediaType];
      if (!format || !request.body) throw problem(kitErrors.unsupportedMediaType, 'Send the file as text/csv or application/x-ndjson');
      const job = await createJob(db, { kind: request.query.kind, format, createdBy: request.principal?.sub ?? 'unknown' });
      const path = join(uploadDir(ctx.env), `${job.id}-${newId('up')}.${format}`);
      let saved: { bytes: number; lines: number };
      try {
        saved = await saveUpload(request.body as Readable, path, maxBytes);
      } catch (error) {
        await db.deleteFrom('import_jobs').where('id', '=', job.id).execute();
        if (error instanceof UploadTooLargeError) throw problem(kitErrors.payloadTooLarge, error.message);
        throw error;
      }
      await markUploaded(db, job.id, saved.bytes, saved.lines);
      void runner.enqueue({ ...job, rows_total: saved.lines, file_bytes: String(saved.bytes) }, path).catch(() => undefined);
      const current = (await findJob(db, job.id))!;
      return reply.code(202).header('location', `/api/catalog/imports/${job.id}`).send(jobView(current));
    },
  );

  app.get(
    '/api/catalog/imports/:id',
    { config: { access: CATALOG_WRITERS }, schema: { tags, summary: 'An import job and its progress', params: JobParams, response: { 200: ImportJob } } },
    async (request) => jobView(await requireJob(db, request.params.id)),
  );

  app.get(
    '/api/catalog/imports/:id/errors',
    {
      config: { access: CATALOG_WRITERS },
      schema: {
        tags,
        summary: 'Rows the import rejected (JSON pages, or the whole list as CSV with format=csv)',
        params: JobParams,
        querystring: Type.Object(
          {
            after: Type.Integer({ minimum: 0, default: 0, description: 'The last position of the previous page' }),
            limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
            format: Type.Union([Type.Literal('json'), Type.Literal('csv')], { default: 'json' }),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(ImportError), nextAfter: Type.Union([Type.Integer(), Type.Null()]) }) },
      },
    },
    async (request, reply) => {
      const job = await requireJob(db, request.params.id);
      const { after, limit, format } = request.query;
      if (format === 'csv') {
        reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${job.id}-errors.csv"`);
        // A stream bypasses the JSON response schema.
        return reply.send(Readable.from(errorsCsv(db, job.id)) as never);
      }
      const items = await listErrors(db, job.id, after, limit);
      return { items, nextAfter: items.length === limit ? items.at(-1)!.position : null };
    },
  );
}

async function requireJob(db: Kysely<ImportDb>, id: string) {
  const job = await findJob(db, id);
  if (!job) throw problem(kitErrors.notFound, `No import job ${id}`);
  return job;
}

async function* errorsCsv(db: Kysely<ImportDb>, id: string): AsyncGenerator<string> {
  yield csvLine(['line', 'item', 'field', 'code', 'message']);
  for (let after = 0; ; ) {
    const page = await listErrors(db, id, after, 1000);
    let chunk = '';
    for (const e of page) chunk += csvLine([String(e.line), e.item ?? '', e.field ?? '', e.code, e.message]);
    if (chunk) yield chunk;
    if (page.length < 1000) return;
    after = page.at(-1)!.position;
  }
}
