import { categoryDeleted, categoryUpserted } from '@mercato/contracts';
import { mapConstraint, newId, problem } from '@mercato/kit';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { CategoryInput, CategoryPatch } from '../api/category.schemas.ts';
import { CategoryTree, type Category, type CategoryTreeNode } from '../domain/category-tree.ts';
import { fieldProblem } from '../domain/violations.ts';
import { catalogErrors } from '../errors.ts';
import type { CatalogContext } from './products.store.ts';
import type { CatalogTables } from './tables.ts';

type Db = Kysely<CatalogTables>;
type Tx = Transaction<CatalogTables>;

const CONSTRAINTS = { categories_slug_key: catalogErrors.slugTaken, categories_parent_id_fkey: catalogErrors.unknownCategory };

/**
 * Serializes changes to the tree until the transaction ends. Moves must not interleave (two moves,
 * each fine alone, can close a cycle together), and the paths a write publishes must be those it
 * commits. Anything that creates or moves categories (the import too) takes this lock first.
 */
export async function lockCategoryTree(tx: Tx): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('mercato.catalog.category-tree'))`.execute(tx);
}

/** The whole tree, in memory (catalogs have hundreds or a few thousand categories). */
export async function loadCategoryTree(db: Db): Promise<CategoryTree> {
  const rows = await db.selectFrom('categories').select(['id', 'slug', 'name', 'parent_id', 'position', 'version']).execute();
  return new CategoryTree(rows.map(({ parent_id, ...row }) => ({ ...row, parentId: parent_id })));
}

/** Every category with its path, depth first in sibling order. */
export async function listCategories(db: Db): Promise<Category[]> {
  return (await loadCategoryTree(db)).states();
}

/** The nested tree. */
export async function categoryTree(db: Db): Promise<CategoryTreeNode[]> {
  return (await loadCategoryTree(db)).roots();
}

/** One category with its path, or undefined. */
export async function findCategory(db: Db, id: string): Promise<Category | undefined> {
  return (await loadCategoryTree(db)).state(id);
}

/** Creates a category under an optional parent, with its upserted event. */
export async function createCategory(ctx: CatalogContext, input: CategoryInput): Promise<Category> {
  const id = newId('cat');
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      await lockCategoryTree(tx);
      if (input.parentId && !(await loadCategoryTree(tx)).has(input.parentId)) throw unknownParent(input.parentId);
      await tx
        .insertInto('categories')
        .values({ id, slug: input.slug, name: input.name, parent_id: input.parentId ?? null, position: input.position ?? 0 })
        .execute();
      return (await publishUpserted(ctx, tx, [id]))[0]!;
    });
  } catch (error) {
    mapConstraint(error, CONSTRAINTS);
  }
}

/**
 * Changes a category at `expectedVersion`. A move (a new `parentId`) that would make the category its
 * own ancestor is refused; otherwise the moved category and every descendant get a new path, so each
 * gets a new version and an upserted event.
 */
export async function updateCategory(ctx: CatalogContext, id: string, expectedVersion: number, patch: CategoryPatch): Promise<Category | 'stale' | undefined> {
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      await lockCategoryTree(tx);
      const tree = await loadCategoryTree(tx);
      const current = tree.state(id);
      if (!current) return undefined;
      if (current.version !== expectedVersion) return 'stale';
      const moving = patch.parentId !== undefined && patch.parentId !== current.parentId;
      const newParentId = patch.parentId ?? null;
      if (moving && newParentId && !tree.has(newParentId)) throw unknownParent(newParentId);
      const cycle = moving ? tree.cycle(id, newParentId) : undefined;
      if (cycle) throw cycleProblem(tree, cycle);
      const changed = moving ? tree.subtree(id).map((c) => c.id) : [id];
      await tx
        .updateTable('categories')
        .set({
          ...(patch.slug !== undefined && { slug: patch.slug }),
          ...(patch.name !== undefined && { name: patch.name }),
          ...(patch.position !== undefined && { position: patch.position }),
          ...(moving && { parent_id: newParentId }),
          updated_at: new Date(),
        })
        .where('id', '=', id)
        .execute();
      await tx.updateTable('categories').set({ version: sql`version + 1` }).where('id', 'in', changed).execute();
      return (await publishUpserted(ctx, tx, changed))[0]!;
    });
  } catch (error) {
    mapConstraint(error, CONSTRAINTS);
  }
}

/** Deletes a category without subcategories or products, with its deleted event; false if there is none. */
export async function deleteCategory(ctx: CatalogContext, id: string, expectedVersion?: number): Promise<boolean | 'stale'> {
  return ctx.db.transaction().execute(async (tx) => {
    await lockCategoryTree(tx);
    // The row lock makes a product write that references the category wait (or be seen below):
    // otherwise the delete would silently clear that product's category.
    const current = await tx.selectFrom('categories').select('version').where('id', '=', id).forUpdate().executeTakeFirst();
    if (!current) return false;
    if (expectedVersion !== undefined && current.version !== expectedVersion) return 'stale';
    const { rows } = await sql<{ children: number; products: number }>`
      select (select count(*)::int from categories where parent_id = ${id}) as children,
             (select count(*)::int from products where category_id = ${id}) as products`.execute(tx);
    const { children, products } = rows[0]!;
    if (children || products) {
      throw problem(catalogErrors.categoryNotEmpty, `The category has ${children} subcategories and ${products} products; move or delete them first`, {
        children,
        products,
      });
    }
    await tx.deleteFrom('categories').where('id', '=', id).execute();
    await ctx.events.publish(tx, { type: categoryDeleted.type, subject: id, data: { id } });
    return true;
  });
}

/** Publishes the current state of each category (in the given order) and returns those states. */
async function publishUpserted(ctx: CatalogContext, tx: Tx, ids: string[]): Promise<Category[]> {
  const tree = await loadCategoryTree(tx);
  const states = ids.map((id) => tree.state(id)!);
  for (const state of states) await ctx.events.publish(tx, { type: categoryUpserted.type, subject: state.id, data: state });
  return states;
}

function unknownParent(parentId: string) {
  return fieldProblem(catalogErrors.unknownCategory, [{ field: 'parentId', code: 'unknown-category', message: `no category ${parentId}` }]);
}

function cycleProblem(tree: CategoryTree, cycle: string[]) {
  const slugs = cycle.map((id) => tree.state(id)!.slug);
  return fieldProblem(
    catalogErrors.categoryCycle,
    [{ field: 'parentId', code: 'category-cycle', message: `the parent chain would lead back to the category: ${slugs.join(' → ')}` }],
    { cycle },
  );
}
