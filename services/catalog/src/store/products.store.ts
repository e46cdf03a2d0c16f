import { decodeCursor, encodeCursor, mapConstraint, newId, type ServiceContext } from '@mercato/kit';
import { sql, type CompiledQuery, type Kysely, type Transaction } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import { productDeleted, productUpserted } from '@mercato/contracts';
import type { Product, ProductInput, ProductPatch, VariantInput } from '../api/schemas.ts';
import { assertDistinctSkus } from '../domain/product.ts';
import { catalogErrors } from '../errors.ts';
import { channelCodes } from './channels.store.ts';
import { assertProductReferences } from './product-references.ts';
import type { CatalogTables } from './tables.ts';

type Db = Kysely<CatalogTables>;
type Tx = Transaction<CatalogTables>;

/** What the database says when a check raced with another write. */
const CONSTRAINTS = {
  variants_sku_key: catalogErrors.skuTaken,
  products_handle_key: catalogErrors.handleTaken,
  products_category_id_fkey: catalogErrors.unknownCategory,
  products_brand_id_fkey: catalogErrors.unknownBrand,
};

function selectProducts(db: Db) {
  return db
    .selectFrom('products as p')
    .select([
      'p.id',
      'p.handle',
      'p.name',
      'p.description',
      'p.status',
      'p.category_id',
      'p.brand_id',
      'p.channels',
      'p.attributes',
      'p.media',
      'p.version',
      'p.created_at',
      'p.updated_at',
    ])
    .select((eb) => [
      jsonArrayFrom(
        eb
          .selectFrom('variants as v')
          .select(['v.id', 'v.sku', 'v.name', 'v.options', 'v.attributes', 'v.weight_grams as weightGrams'])
          .whereRef('v.product_id', '=', 'p.id')
          .orderBy('v.position'),
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
    brandId: row.brand_id,
    channels: row.channels,
    attributes: row.attributes,
    media: row.media,
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

/** Filters of a product list; `category` includes its descendants. */
export interface ProductFilter {
  limit: number;
  cursor?: string;
  category?: string;
  brand?: string;
  channel?: string;
  handle?: string;
  /** Products with a variant of any of these SKUs. */
  sku?: string[];
  statuses: Array<'draft' | 'published'>;
}

/** A page of products in id order (ids are time-ordered, so this is creation order). */
export async function listProducts(db: Db, query: ProductFilter): Promise<{ items: Product[]; nextCursor: string | null }> {
  let q = selectProducts(db).where('p.status', 'in', query.statuses).orderBy('p.id').limit(query.limit + 1);
  if (query.category) {
    q = q.where(
      sql<boolean>`p.category_id in (
        with recursive subtree(id) as (select ${query.category}::text union all select c.id from categories c join subtree on c.parent_id = subtree.id)
        select id from subtree)`,
    );
  }
  if (query.brand) q = q.where('p.brand_id', '=', query.brand);
  if (query.channel) q = q.where(sql<boolean>`${query.channel} = any(p.channels)`);
  if (query.handle) q = q.where('p.handle', '=', query.handle);
  if (query.sku) {
    const skus = query.sku;
    q = skus.length === 0 ? q.where(sql<boolean>`false`) : q.where('p.id', 'in', (eb) => eb.selectFrom('variants').select('product_id').where('sku', 'in', skus));
  }
  if (query.cursor) q = q.where('p.id', '>', decodeCursor<{ after: string }>(query.cursor, ['after']).after);
  const rows = await q.execute();
  const items = rows.slice(0, query.limit).map(toProduct);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > query.limit && last ? encodeCursor({ after: last.id }) : null };
}

/** Publishes the product's current state (it is its event's data) in the transaction that changed it. */
export async function publishProductUpserted(ctx: CatalogContext, tx: Tx, id: string): Promise<Product> {
  const product = (await findProduct(tx, id))!;
  await ctx.events.publish(tx, { type: productUpserted.type, subject: id, data: product });
  return product;
}

/** Creates a product and its variants in one transaction, with its upserted event. */
export async function createProduct(ctx: CatalogContext, input: ProductInput): Promise<Product> {
  assertDistinctSkus(input.variants);
  const id = newId('prod');
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      const channels = input.channels ?? (await channelCodes(tx));
      await assertProductReferences(tx, id, { ...input, channels });
      await tx
        .insertInto('products')
        .values({
          id,
          handle: input.handle,
          name: input.name,
          description: input.description ?? '',
          status: input.status ?? 'draft',
          category_id: input.categoryId ?? null,
          brand_id: input.brandId ?? null,
          channels,
          attributes: JSON.stringify(input.attributes ?? {}),
          media: JSON.stringify(mediaOf(input.media ?? [])),
        })
        .execute();
      await insertVariants(tx, id, input.variants);
      return publishProductUpserted(ctx, tx, id);
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
  if (patch.variants) assertDistinctSkus(patch.variants);
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      const current = await tx.selectFrom('products').select('version').where('id', '=', id).forUpdate().executeTakeFirst();
      if (!current) return undefined;
      if (current.version !== expectedVersion) return 'stale';
      await assertProductReferences(tx, id, patch);
      await tx
        .updateTable('products')
        .set({
          ...(patch.handle !== undefined && { handle: patch.handle }),
          ...(patch.name !== undefined && { name: patch.name }),
          ...(patch.description !== undefined && { description: patch.description }),
          ...(patch.status !== undefined && { status: patch.status }),
          ...(patch.categoryId !== undefined && { category_id: patch.categoryId }),
          ...(patch.brandId !== undefined && { brand_id: patch.brandId }),
          ...(patch.channels !== undefined && { channels: patch.channels }),
          ...(patch.attributes !== undefined && { attributes: JSON.stringify(patch.attributes) }),
          ...(patch.media !== undefined && { media: JSON.stringify(mediaOf(patch.media)) }),
          // The import compares content hashes to skip unchanged products: after an API change the
          // stored hash no longer describes the content, so the next import must write.
          content_hash: null,
          version: sql`version + 1`,
          updated_at: new Date(),
        })
        .where('id', '=', id)
        .execute();
      if (patch.variants) await replaceVariants(tx, id, patch.variants);
      return publishProductUpserted(ctx, tx, id);
    });
  } catch (error) {
    mapConstraint(error, CONSTRAINTS);
  }
}

/**
 * Deletes a product (and its variants) with its deleted event; false if it did not exist, `'stale'`
 * when `expectedVersion` is given and no longer current.
 */
export async function deleteProduct(ctx: CatalogContext, id: string, expectedVersion?: number): Promise<boolean | 'stale'> {
  return ctx.db.transaction().execute(async (tx) => {
    const current = await tx.selectFrom('products').select('version').where('id', '=', id).forUpdate().executeTakeFirst();
    if (!current) return false;
    if (expectedVersion !== undefined && current.version !== expectedVersion) return 'stale';
    await tx.deleteFrom('products').where('id', '=', id).execute();
    await ctx.events.publish(tx, { type: productDeleted.type, subject: id, data: { id } });
    return true;
  });
}

function mediaOf(media: NonNullable<ProductInput['media']>): Product['media'] {
  return media.map(({ url, alt }) => ({ url, alt: alt ?? '' }));
}

async function insertVariants(tx: Tx, productId: string, variants: VariantInput[], keepIds = new Map<string, string>()) {
  await tx
    .insertInto('variants')
    .values(
      variants.map((v, position) => ({
        id: keepIds.get(v.sku) ?? newId('var'),
        product_id: productId,
        sku: v.sku,
        name: v.name,
        options: JSON.stringify(v.options ?? {}),
        attributes: JSON.stringify(v.attributes ?? {}),
        weight_grams: v.weightGrams ?? null,
        position,
      })),
    )
    .execute();
}

async function replaceVariants(tx: Tx, productId: string, variants: VariantInput[]) {
  const existing = await tx.selectFrom('variants').select(['id', 'sku']).where('product_id', '=', productId).execute();
  await tx.deleteFrom('variants').where('product_id', '=', productId).execute();
  await insertVariants(tx, productId, variants, new Map(existing.map((v) => [v.sku, v.id])));
}

/** The context type catalog handlers receive. */
export type CatalogContext = ServiceContext<CatalogTables>;
