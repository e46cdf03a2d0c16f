import { Readable } from 'node:stream';
import type { ServiceApp, ServiceContext } from '@mercato/kit';
import { Type } from '@sinclair/typebox';
import type { Kysely } from 'kysely';
import { CATALOG_WRITERS } from '../domain/product.ts';
import { exportProducts } from '../export/export-products.ts';
import type { ImportDb } from '../import/tables.ts';

/** Product export in the import format (re-importing it changes nothing), streamed page by page. */
export function exportRoutes(app: ServiceApp, ctx: ServiceContext<any>): void {
  const db = ctx.db as Kysely<ImportDb>;
  app.get(
    '/api/catalog/exports/products',
    {
      config: { access: CATALOG_WRITERS },
      schema: {
        tags: ['imports'],
        summary: 'Every product as a CSV or NDJSON import file',
        querystring: Type.Object({ format: Type.Union([Type.Literal('csv'), Type.Literal('ndjson')], { default: 'csv' }) }, { additionalProperties: false }),
      },
    },
    async (request, reply) => {
      const { format } = request.query;
      reply
        .header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson')
        .header('content-disposition', `attachment; filename="products.${format}"`);
      return reply.send(Readable.from(exportProducts(db, format)));
    },
  );
}
