import { etag, expectedVersion, IfMatchHeaders, problem, type ServiceApp, staleVersion } from '@mercato/kit';
import { Type } from '@sinclair/typebox';
import { CATALOG_WRITERS } from '../domain/product.ts';
import { catalogErrors } from '../errors.ts';
import { createAttribute, deleteAttribute, findAttribute, listAttributes, updateAttribute } from '../store/attributes.store.ts';
import type { CatalogContext } from '../store/products.store.ts';
import { AttributeDefinition, AttributeInput, AttributeParams, AttributePatch } from './attribute.schemas.ts';
import { Items } from './schemas.ts';

const tags = ['attributes'];

/** Attribute definition routes, keyed by code: public reads, staff writes with optimistic concurrency. */
export function attributeRoutes(app: ServiceApp, ctx: CatalogContext): void {
  const notFound = (code: string) => problem(catalogErrors.attributeNotFound, `No attribute definition ${code}`);

  app.get(
    '/api/catalog/attributes',
    { config: { access: 'public' }, schema: { tags, summary: 'List attribute definitions', response: { 200: Items(AttributeDefinition) } } },
    async (request) => ({ items: await listAttributes(await ctx.reader.db({ request })) }),
  );

  app.get(
    '/api/catalog/attributes/:code',
    { config: { access: 'public' }, schema: { tags, summary: 'Get an attribute definition', params: AttributeParams, response: { 200: AttributeDefinition } } },
    async (request, reply) => {
      const definition = await findAttribute(ctx.db, request.params.code);
      if (!definition) throw notFound(request.params.code);
      reply.header('etag', etag(definition.version));
      return definition;
    },
  );

  app.post(
    '/api/catalog/attributes',
    {
      config: { access: CATALOG_WRITERS, idempotent: true },
      schema: { tags, summary: 'Define an attribute', body: AttributeInput, response: { 201: AttributeDefinition } },
    },
    async (request, reply) => {
      const definition = await createAttribute(ctx, request.body);
      return reply.code(201).header('location', `/api/catalog/attributes/${definition.code}`).header('etag', etag(definition.version)).send(definition);
    },
  );

  app.patch(
    '/api/catalog/attributes/:code',
    {
      config: { access: CATALOG_WRITERS },
      schema: {
        tags,
        summary: 'Change an attribute definition (If-Match required)',
        description: 'Type, scope and localization are fixed while products carry values; enum options in use cannot be removed.',
        params: AttributeParams,
        headers: IfMatchHeaders,
        body: AttributePatch,
        response: { 200: AttributeDefinition },
      },
    },
    async (request, reply) => {
      const result = await updateAttribute(ctx, request.params.code, expectedVersion(request.headers['if-match'], true), request.body);
      if (result === undefined) throw notFound(request.params.code);
      if (result === 'stale') throw staleVersion('attribute definition');
      reply.header('etag', etag(result.version));
      return result;
    },
  );

  app.delete(
    '/api/catalog/attributes/:code',
    {
      config: { access: CATALOG_WRITERS },
      schema: {
        tags,
        summary: 'Delete an attribute no product uses (If-Match optional)',
        params: AttributeParams,
        headers: IfMatchHeaders,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      const result = await deleteAttribute(ctx, request.params.code, expectedVersion(request.headers['if-match'], false));
      if (!result) throw notFound(request.params.code);
      if (result === 'stale') throw staleVersion('attribute definition');
      return reply.code(204).send(null);
    },
  );
}
