import { mapConstraint, newId } from '@mercato/kit';
import type { Kysely } from 'kysely';
import type { Category, CategoryInput } from '../api/schemas.ts';
import { catalogErrors } from '../errors.ts';
import type { CatalogTables } from './tables.ts';

/** All categories, parents before children is not guaranteed; ordered by slug. */
export async function listCategories(db: Kysely<CatalogTables>): Promise<Category[]> {
  const rows = await db.selectFrom('categories').select(['id', 'slug', 'name', 'parent_id']).orderBy('slug').execute();
  return rows.map((r) => ({ id: r.id, slug: r.slug, name: r.name, parentId: r.parent_id }));
}

/** Creates a category under an optional parent. */
export async function createCategory(db: Kysely<CatalogTables>, input: CategoryInput): Promise<Category> {
  const id = newId('cat');
  try {
    await db.insertInto('categories').values({ id, slug: input.slug, name: input.name, parent_id: input.parentId ?? null }).execute();
  } catch (error) {
    mapConstraint(error, { categories_slug_key: catalogErrors.slugTaken, categories_parent_id_fkey: catalogErrors.categoryNotFound });
  }
  return { id, slug: input.slug, name: input.name, parentId: input.parentId ?? null };
}
