import { brandDeleted, brandUpserted, type BrandState } from '@mercato/contracts';
import { mapConstraint, newId, problem } from '@mercato/kit';
import type { Static } from '@sinclair/typebox';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { BrandInput, BrandPatch } from '../api/brand.schemas.ts';
import { catalogErrors } from '../errors.ts';
import type { CatalogContext } from './products.store.ts';
import type { CatalogTables } from './tables.ts';

type Db = Kysely<CatalogTables>;
export type Brand = Static<typeof BrandState>;

const SLUG_TAKEN = { brands_slug_key: catalogErrors.brandSlugTaken };

/** Every brand, by name. */
export async function listBrands(db: Db): Promise<Brand[]> {
  return db.selectFrom('brands').select(['id', 'slug', 'name', 'version']).orderBy('name').orderBy('id').execute();
}

/** One brand, or undefined. */
export async function findBrand(db: Db, id: string): Promise<Brand | undefined> {
  return db.selectFrom('brands').select(['id', 'slug', 'name', 'version']).where('id', '=', id).executeTakeFirst();
}

/** Creates a brand with its upserted event. */
export async function createBrand(ctx: CatalogContext, input: BrandInput): Promise<Brand> {
  const id = newId('brand');
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      await tx.insertInto('brands').values({ id, slug: input.slug, name: input.name }).execute();
      return publishUpserted(ctx, tx, id);
    });
  } catch (error) {
    mapConstraint(error, SLUG_TAKEN);
  }
}

/** Renames or re-slugs a brand at `expectedVersion`. */
export async function updateBrand(ctx: CatalogContext, id: string, expectedVersion: number, patch: BrandPatch): Promise<Brand | 'stale' | undefined> {
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      const current = await tx.selectFrom('brands').select('version').where('id', '=', id).forUpdate().executeTakeFirst();
      if (!current) return undefined;
      if (current.version !== expectedVersion) return 'stale';
      await tx
        .updateTable('brands')
        .set({ ...patch, version: sql`version + 1`, updated_at: new Date() })
        .where('id', '=', id)
        .execute();
      return publishUpserted(ctx, tx, id);
    });
  } catch (error) {
    mapConstraint(error, SLUG_TAKEN);
  }
}

/** Deletes a brand no product uses, with its deleted event; false if there is none. */
export async function deleteBrand(ctx: CatalogContext, id: string, expectedVersion?: number): Promise<boolean | 'stale'> {
  return ctx.db.transaction().execute(async (tx) => {
    // Locked first: a product write that references the brand waits for this transaction, and
    // one that committed before is seen by the check below.
    const current = await tx.selectFrom('brands').select('version').where('id', '=', id).forUpdate().executeTakeFirst();
    if (!current) return false;
    if (expectedVersion !== undefined && current.version !== expectedVersion) return 'stale';
    const user = await tx.selectFrom('products').select('id').where('brand_id', '=', id).limit(1).executeTakeFirst();
    if (user) throw problem(catalogErrors.brandInUse, `Products use the brand, e.g. ${user.id}; give them another brand first`);
    await tx.deleteFrom('brands').where('id', '=', id).execute();
    await ctx.events.publish(tx, { type: brandDeleted.type, subject: id, data: { id } });
    return true;
  });
}

async function publishUpserted(ctx: CatalogContext, tx: Transaction<CatalogTables>, id: string): Promise<Brand> {
  const brand = (await findBrand(tx, id))!;
  await ctx.events.publish(tx, { type: brandUpserted.type, subject: id, data: brand });
  return brand;
}
