import { kitErrors, problem, satisfies, type ServiceApp } from '@mercato/kit';
import { Type } from '@sinclair/typebox';
import { assertDistinctSkus, CATALOG_WRITERS, visibleStatuses } from '../domain/product.ts';
import { catalogErrors } from '../errors.ts';
import { createProduct, deleteProduct, findProduct, listProducts, updateProduct, type CatalogContext } from '../store/products.store.ts';
import { Page, Product, ProductInput, ProductListQuery, ProductParams, ProductPatch } from './schemas.ts';

const tags = ['products'];

/** Product routes: public reads, staff writes with optimistic concurrency. */
export function productRoutes(app: ServiceApp, ctx: CatalogContext): void {
  const isStaff = (principal: Parameters<typeof satisfies>[0] | null) => principal !== null && satisfies(principal, CATALOG_WRITERS);

  app.get(
    '/api/catalog/products',
    { config: { access: 'public' }, schema: { tags, summary: 'List products', querystring: ProductListQuery, response: { 200: Page(Product) } } },
    async (request) => {
      const { limit, cursor, category, status } = request.query;
      return listProducts(ctx.db, { limit, cursor, category, statuses: visibleStatuses(isStaff(request.principal), status) });
    },
  );

  app.get(
    '/api/catalog/products/:id',
    { config: { access: 'public' }, schema: { tags, summary: 'Get a product', params: ProductParams, response: { 200: Product } } },
    async (request, reply) => {
      const product = await findProduct(ctx.db, request.params.id);
      if (!product || !visibleStatuses(isStaff(request.principal)).includes(product.status)) {
        throw problem(catalogErrors.productNotFound, `No product ${request.params.id}`);
      }
      reply.header('etag', `"${product.version}"`);
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
      assertDistinctSkus(request.body.variants);
      const product = await createProduct(ctx, request.body);
      return reply.code(201).header('location', `/api/catalog/products/${product.id}`).header('etag', `"${product.version}"`).send(product);
    },
  );

  app.patch(
    '/api/catalog/products/:id',
    {
      config: { access: CATALOG_WRITERS },
      schema: {
        tags,
        summary: 'Update a product (If-Match required)',
        params: ProductParams,
        headers: Type.Object({ 'if-match': Type.Optional(Type.String()) }),
        body: ProductPatch,
        response: { 200: Product },
      },
    },
    async (request, reply) => {
      const expected = parseIfMatch(request.headers['if-match']);
      if (request.body.variants) assertDistinctSkus(request.body.variants);
      const result = await updateProduct(ctx, request.params.id, expected, request.body);
      if (result === undefined) throw problem(catalogErrors.productNotFound, `No product ${request.params.id}`);
      if (result === 'stale') throw problem(kitErrors.preconditionFailed, 'Read the product again and reapply your change');
      reply.header('etag', `"${result.version}"`);
      return result;
    },
  );

  app.delete(
    '/api/catalog/products/:id',
    { config: { access: CATALOG_WRITERS }, schema: { tags, summary: 'Delete a product', params: ProductParams, response: { 204: Type.Null() } } },
    async (request, reply) => {
      if (!(await deleteProduct(ctx, request.params.id))) throw problem(catalogErrors.productNotFound, `No product ${request.params.id}`);
      return reply.code(204).send(null);
    },
  );
}

function parseIfMatch(header: string | undefined): number {
  if (!header) throw problem(kitErrors.preconditionRequired);
  const match = /^(?:W\/)?"(\d+)"$/.exec(header.trim());
  if (!match) throw problem(kitErrors.validationFailed, 'If-Match must be an ETag from a previous read, e.g. "3"');
  return Number(match[1]);
}
