import { etag, expectedVersion, IfMatchHeaders, problem, type ServiceApp, staleVersion } from '@mercato/kit';
import { Type } from '@sinclair/typebox';
import { CATALOG_WRITERS } from '../domain/product.ts';
import { catalogErrors } from '../errors.ts';
import { categoryTree, createCategory, deleteCategory, findCategory, listCategories, updateCategory } from '../store/categories.store.ts';
import type { CatalogContext } from '../store/products.store.ts';
import { Category, CategoryInput, CategoryPatch, CategoryTreeNode } from './category.schemas.ts';
import { IdParams, Items } from './schemas.ts';

const tags = ['categories'];

/** Category routes: public reads (flat list, tree, one), staff writes with optimistic concurrency. */
export function categoryRoutes(app: ServiceApp, ctx: CatalogContext): void {
  const notFound = (id: string) => problem(catalogErrors.categoryNotFound, `No category ${id}`);

  app.get(
    '/api/catalog/categories',
    { config: { access: 'public' }, schema: { tags, summary: 'List categories, depth first', response: { 200: Items(Category) } } },
    async (request) => ({ items: await listCategories(await ctx.reader.db({ request })) }),
  );

  app.get(
    '/api/catalog/categories/tree',
    { config: { access: 'public' }, schema: { tags, summary: 'The category tree', response: { 200: Items(CategoryTreeNode) } } },
    async () => ({ items: await categoryTree(ctx.db) }),
  );

  app.get(
    '/api/catalog/categories/:id',
    { config: { access: 'public' }, schema: { tags, summary: 'Get a category', params: IdParams, response: { 200: Category } } },
    async (request, reply) => {
      const category = await findCategory(ctx.db, request.params.id);
      if (!category) throw notFound(request.params.id);
      reply.header('etag', etag(category.version));
      return category;
    },
  );

  app.post(
    '/api/catalog/categories',
    { config: { access: CATALOG_WRITERS, idempotent: true }, schema: { tags, summary: 'Create a category', body: CategoryInput, response: { 201: Category } } },
    async (request, reply) => {
      const category = await createCategory(ctx, request.body);
      return reply.code(201).header('location', `/api/catalog/categories/${category.id}`).header('etag', etag(category.version)).send(category);
    },
  );

  app.patch(
    '/api/catalog/categories/:id',
    {
      config: { access: CATALOG_WRITERS },
      schema: {
        tags,
        summary: 'Rename, reorder or move a category (If-Match required)',
        description: 'A move (`parentId`) re-publishes the category and every descendant; one that would make the category its own ancestor is refused.',
        params: IdParams,
        headers: IfMatchHeaders,
        body: CategoryPatch,
        response: { 200: Category },
      },
    },
    async (request, reply) => {
      const result = await updateCategory(ctx, request.params.id, expectedVersion(request.headers['if-match'], true), request.body);
      if (result === undefined) throw notFound(request.params.id);
      if (result === 'stale') throw staleVersion('category');
      reply.header('etag', etag(result.version));
      return result;
    },
  );

  app.delete(
    '/api/catalog/categories/:id',
    {
      config: { access: CATALOG_WRITERS },
      schema: { tags, summary: 'Delete an empty category (If-Match optional)', params: IdParams, headers: IfMatchHeaders, response: { 204: Type.Null() } },
    },
    async (request, reply) => {
      const result = await deleteCategory(ctx, request.params.id, expectedVersion(request.headers['if-match'], false));
      if (!result) throw notFound(request.params.id);
      if (result === 'stale') throw staleVersion('category');
      return reply.code(204).send(null);
    },
  );
}
