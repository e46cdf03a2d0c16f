import { etag, expectedVersion, IfMatchHeaders, type Principal, problem, satisfies, type ServiceApp, staleVersion } from '@mercato/kit';
import { Type } from '@sinclair/typebox';
import { CATALOG_WRITERS, visibleStatuses } from '../domain/product.ts';
import { catalogErrors } from '../errors.ts';
import { createProduct, deleteProduct, findProduct, listProducts, updateProduct, type CatalogContext } from '../store/products.store.ts';
import { Page, Product, ProductInput, ProductListQuery, ProductParams, ProductPatch } from './schemas.ts';

const tags = ['products'];

/** Whether the caller may see drafts (catalog staff). */
const isCatalogStaff = (principal: Principal | null) => principal !== null && satisfies(principal, CATALOG_WRITERS);

/** Product routes: public reads, staff writes with optimistic concurrency. */
export function productRoutes(app: ServiceApp, ctx: CatalogContext): void {
  const notFound = (id: string) => problem(catalogErrors.productNotFound, `No product ${id}`);

  app.get(
    '/api/catalog/products',
    { config: { access: 'public' }, schema: { tags, summary: 'List products', querystring: ProductListQuery, response: { 200: Page(Product) } } },
    async (request) => {
      const { status, ...filter } = request.query;
      // Lists may be served by a read replica; a Consistency-Token from a write makes them see it.
      return listProducts(await ctx.reader.db({ request }), { ...filter, statuses: visibleStatuses(isCatalogStaff(request.principal), status) });
    },
  );

  app.get(
    '/api/catalog/products/:id',
    { config: { access: 'public' }, schema: { tags, summary: 'Get a product', params: ProductParams, response: { 200: Product } } },
    async (request, reply) => {
      const product = await findProduct(ctx.db, request.params.id);
      if (!product || !visibleStatuses(isCatalogStaff(request.principal)).includes(product.status)) throw notFound(request.params.id);
      reply.header('etag', etag(product.version));
      return product;
    },
  );

  app.post(
    '/api/catalog/products',
    {
      config: { access: CATALOG_WRITERS, idempotent: true },
      schema: { tags, summary: 'Create a product', body: ProductInput, response: { 201: Product } },
    },
    async (request, reply) => {
      const product = await createProduct(ctx, request.body);
      return reply.code(201).header('location', `/api/catalog/products/${product.id}`).header('etag', etag(product.version)).send(product);
    },
  );

  app.patch(
    '/api/catalog/products/:id',
    {
      config: { access: CATALOG_WRITERS },
      schema: { tags, summary: 'Update a product (If-Match required)', params: ProductParams, headers: IfMatchHeaders, body: ProductPatch, response: { 200: Product } },
    },
    async (request, reply) => {
      const result = await updateProduct(ctx, request.params.id, expectedVersion(request.headers['if-match'], true), request.body);
      if (result === undefined) throw notFound(request.params.id);
      if (result === 'stale') throw staleVersion('product');
      reply.header('etag', etag(result.version));
      return result;
    },
  );

  app.delete(
    '/api/catalog/products/:id',
    {
      config: { access: CATALOG_WRITERS },
      schema: { tags, summary: 'Delete a product (If-Match optional)', params: ProductParams, headers: IfMatchHeaders, response: { 204: Type.Null() } },
    },
    async (request, reply) => {
      const result = await deleteProduct(ctx, request.params.id, expectedVersion(request.headers['if-match'], false));
      if (!result) throw notFound(request.params.id);
      if (result === 'stale') throw staleVersion('product');
      return reply.code(204).send(null);
    },
  );
}
