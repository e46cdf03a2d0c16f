import type { ServiceApp } from '@mercato/kit';
import { Type } from '@sinclair/typebox';
import { CATALOG_WRITERS } from '../domain/product.ts';
import { createCategory, listCategories } from '../store/categories.store.ts';
import type { CatalogContext } from '../store/products.store.ts';
import { Category, CategoryInput } from './schemas.ts';

const tags = ['categories'];

/** Category routes: public list, staff create. */
export function categoryRoutes(app: ServiceApp, ctx: CatalogContext): void {
  app.get(
    '/api/catalog/categories',
    { config: { access: 'public' }, schema: { tags, summary: 'List categories', response: { 200: Type.Object({ items: Type.Array(Category) }) } } },
    async () => ({ items: await listCategories(ctx.db) }),
  );

  app.post(
    '/api/catalog/categories',
    { config: { access: CATALOG_WRITERS, idempotent: true }, schema: { tags, summary: 'Create a category', body: CategoryInput, response: { 201: Category } } },
    async (request, reply) => reply.code(201).send(await createCategory(ctx.db, request.body)),
  );
}
