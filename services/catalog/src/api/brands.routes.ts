import { etag, expectedVersion, IfMatchHeaders, problem, type ServiceApp, staleVersion } from '@mercato/kit';
import { Type } from '@sinclair/typebox';
import { CATALOG_WRITERS } from '../domain/product.ts';
import { catalogErrors } from '../errors.ts';
import { createBrand, deleteBrand, findBrand, listBrands, updateBrand } from '../store/brands.store.ts';
import type { CatalogContext } from '../store/products.store.ts';
import { Brand, BrandInput, BrandPatch } from './brand.schemas.ts';
import { IdParams, Items } from './schemas.ts';

const tags = ['brands'];

/** Brand routes: public reads, staff writes with optimistic concurrency. */
export function brandRoutes(app: ServiceApp, ctx: CatalogContext): void {
  const notFound = (id: string) => problem(catalogErrors.brandNotFound, `No brand ${id}`);

  app.get(
    '/api/catalog/brands',
    { config: { access: 'public' }, schema: { tags, summary: 'List brands', response: { 200: Items(Brand) } } },
    async (request) => ({ items: await listBrands(await ctx.reader.db({ request })) }),
  );

  app.get(
    '/api/catalog/brands/:id',
    { config: { access: 'public' }, schema: { tags, summary: 'Get a brand', params: IdParams, response: { 200: Brand } } },
    async (request, reply) => {
      const brand = await findBrand(ctx.db, request.params.id);
      if (!brand) throw notFound(request.params.id);
      reply.header('etag', etag(brand.version));
      return brand;
    },
  );

  app.post(
    '/api/catalog/brands',
    { config: { access: CATALOG_WRITERS, idempotent: true }, schema: { tags, summary: 'Create a brand', body: BrandInput, response: { 201: Brand } } },
    async (request, reply) => {
      const brand = await createBrand(ctx, request.body);
      return reply.code(201).header('location', `/api/catalog/brands/${brand.id}`).header('etag', etag(brand.version)).send(brand);
    },
  );

  app.patch(
    '/api/catalog/brands/:id',
    {
      config: { access: CATALOG_WRITERS },
      schema: { tags, summary: 'Update a brand (If-Match required)', params: IdParams, headers: IfMatchHeaders, body: BrandPatch, response: { 200: Brand } },
    },
    async (request, reply) => {
      const result = await updateBrand(ctx, request.params.id, expectedVersion(request.headers['if-match'], true), request.body);
      if (result === undefined) throw notFound(request.params.id);
      if (result === 'stale') throw staleVersion('brand');
      reply.header('etag', etag(result.version));
      return result;
    },
  );

  app.delete(
    '/api/catalog/brands/:id',
    {
      config: { access: CATALOG_WRITERS },
      schema: { tags, summary: 'Delete a brand no product uses (If-Match optional)', params: IdParams, headers: IfMatchHeaders, response: { 204: Type.Null() } },
    },
    async (request, reply) => {
      const result = await deleteBrand(ctx, request.params.id, expectedVersion(request.headers['if-match'], false));
      if (!result) throw notFound(request.params.id);
      if (result === 'stale') throw staleVersion('brand');
      return reply.code(204).send(null);
    },
  );
}
