import { decodeCursor, encodeCursor, mapConstraint, newId, type ServiceContext } from '@mercato/kit';
import { sql, type CompiledQuery, type Kysely, type Transaction } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import { productDeleted, productUpserted, type EventData } from '@mercato/contracts';
import type { Product, ProductInput, ProductPatch } from '../api/schemas.ts';
import { catalogErrors } from '../errors.ts';
import type { CatalogTables } from './tables.ts';

type Db = Kysely<CatalogTables>;
type ProductStateData = EventData<typeof productUpserted>;

const CONSTRAINTS = {
  variants_sku_key: catalogErrors.skuTaken,
  products_handle_key: catalogErrors.handleTaken,
  products_category_id_fkey: catalogErrors.categoryNotFound,
};

function selectProducts(db: Db) {
  return db
    .selectFrom('products as p')
    .select(['p.id', 'p.handle', 'p.name', 'p.description', 'p.status', 'p.category_id', 'p.version', 'p.created_at', 'p.updated_at'])
    .select((eb) => [
      jsonArrayFrom(
        eb.selectFrom('variants as v').select(['v.id', 'v.sku', 'v.name', 'v.options']).whereRef('v.product_id', '=', 'p.id').orderBy('v.position'),
      ).as('variants'),
    ]);
}

type ProductRow = Awaited<ReturnType<ReturnType<typeof selectProducts>['executeTakeFirstOrThrow']>>;

function toProduct(row: ProductRow): Product {
  return {
    id: row.id,
    handle: row.handle,
    name: row.name,
    description: row.description,
    status: row.status,
    categoryId: row.category_id,
    variants: row.variants,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

const compiledFind = new WeakMap<object, CompiledQuery<ProductRow>>();

/** The product with its variants, or undefined. The read path's query is compiled once per database. */
export async function findProduct(db: Db, id: string): Promise<Product | undefined> {
  let compiled = compiledFind.get(db);
  if (!compiled) {
    compiled = selectProducts(db).where('p.id', '=', id).compile();
    if (compiled.parameters.length !== 1) throw new Error('findProduct: the compiled query must take exactly the id');
    compiledFind.set(db, compiled);
  }
  const { rows } = await db.executeQuery<ProductRow>({ ...compiled, parameters: [id] });
  return rows[0] && toProduct(rows[0]);
}

/** A page of products in id order (ids are time-ordered, so this is creation order). */
export async function listProducts(
  db: Db,
  query: { limit: number; cursor?: string; category?: string; statuses: Array<'draft' | 'published'> },
): Promise<{ items: Product[]; nextCursor: string | null }> {
  let q = selectProducts(db).where('p.status', 'in', query.statuses).orderBy('p.id').limit(query.limit + 1);
  if (query.category) q = q.where('p.category_id', '=', query.category);
  if (query.cursor) q = q.where('p.id', '>', decodeCursor<{ after: string }>(query.cursor, ['after']).after);
  const rows = await q.execute();
  const items = rows.slice(0, query.limit).map(toProduct);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > query.limit && last ? encodeCursor({ after: last.id }) : null };
}

/** The product's state as its events carry it. */
export function productState(product: Product): ProductStateData {
  const { createdAt: _createdAt, ...state } = product;
  return state;
}

/** Publishes the product's new state in the transaction that changed it. */
async function publishUpserted(ctx: CatalogContext, tx: Transaction<CatalogTables>, id: string): Promise<Product> {
  const product = (await findProduct(tx, id))!;
  await ctx.events.publish(tx, { type: productUpserted.type, subject: id, data: productState(product) });
  return product;
}

/** Creates a product and its variants in one transaction, with its upserted event. */
export async function createProduct(ctx: CatalogContext, input: ProductInput): Promise<Product> {
  const id = newId('prod');
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      await tx
        .insertInto('products')
        .values({
          id,
          handle: input.handle,
          name: input.name,
          description: input.description ?? '',
          status: input.status ?? 'draft',
          category_id: input.categoryId ?? null,
        })
        .execute();
      await insertVariants(tx, id, input.variants);
      return publishUpserted(ctx, tx, id);
    });
  } catch (error) {
    mapConstraint(error, CONSTRAINTS);
  }
}

/**
 * Applies a patch if the product is still at `expectedVersion`; returns the new state, `undefined`
 * when the product does not exist, or `'stale'` when someone else changed it first.
 */
export async function updateProduct(ctx: CatalogContext, id: string, expectedVersion: number, patch: ProductPatch): Promise<Product | 'stale' | undefined> {
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      const updated = await tx
        .updateTable('products')
        .set({
          ...(patch.handle !== undefined && { handle: patch.handle }),
          ...(patch.name !== undefined && { name: patch.name }),
          ...(patch.description !== undefined && { description: patch.description }),
          ...(patch.status !== undefined && { status: patch.status }),
          ...(patch.categoryId !== undefined && { category_id: patch.categoryId }),
          version: sql`version + 1`,
          updated_at: new Date(),
        })
        .where('id', '=', id)
        .where('version', '=', expectedVersion)
        .returning('id')
        .executeTakeFirst();
      if (!updated) {
        const exists = await tx.selectFrom('products').select('id').where('id', '=', id).executeTakeFirst();
        return exists ? 'stale' : undefined;
      }
      if (patch.variants) await replaceVariants(tx, id, patch.variants);
      return publishUpserted(ctx, tx, id);
    });
  } catch (error) {
    mapConstraint(error, CONSTRAINTS);
  }
}

/** Deletes a product (and its variants) with its deleted event; false if it did not exist. */
export async function deleteProduct(ctx: CatalogContext, id: string): Promise<boolean> {
  return ctx.db.transaction().execute(async (tx) => {
    const result = await tx.deleteFrom('products').where('id', '=', id).executeTakeFirst();
    if (result.numDeletedRows === 0n) return false;
    await ctx.events.publish(tx, { type: productDeleted.type, subject: id, data: { id } });
    return true;
  });
}

async function insertVariants(tx: Transaction<CatalogTables>, productId: string, variants: ProductInput['variants'], keepIds = new Map<string, string>()) {
  await tx
    .insertInto('variants')
    .values(
      variants.map((v, position) => ({
        id: keepIds.get(v.sku) ?? newId('var'),
        product_id: productId,
        sku: v.sku,
        name: v.name,
        options: JSON.stringify(v.options ?? {}),
        position,
      })),
    )
    .execute();
}

async function replaceVariants(tx: Transaction<CatalogTables>, productId: string, variants: ProductInput['variants']) {
  const existing = await tx.selectFrom('variants').select(['id', 'sku']).where('product_id', '=', productId).execute();
  await tx.deleteFrom('variants').where('product_id', '=', productId).execute();
  await insertVariants(tx, productId, variants, new Map(existing.map((v) => [v.sku, v.id])));
}

/** The context type catalog handlers receive. */
export type CatalogContext = ServiceContext<CatalogTables>;
