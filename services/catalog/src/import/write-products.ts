import { brandUpserted, productUpserted, type EventData } from '@mercato/contracts';
import { newId, type NewEvent, type ServiceContext } from '@mercato/kit';
import { sql, type Transaction } from 'kysely';
import { contentHash, storedHash } from './content-hash.ts';
import type { RowError } from './row-error.ts';
import type { ImportDb } from './tables.ts';
import type { ImportProduct } from './validate-product.ts';

type Tx = Transaction<ImportDb>;
type ProductState = EventData<typeof productUpserted>;

/** What one batch did. */
export interface BatchOutcome {
  created: number;
  updated: number;
  unchanged: number;
  /** Products rejected while writing (SKU owned by another product), with their errors. */
  failed: Array<{ product: ImportProduct; errors: RowError[] }>;
}

/** Brand ids by slug, shared by every batch of an import (brands are created on first use). */
export class BrandIds {
  private readonly known = new Map<string, string>();

  get(slug: string): string | undefined {
    return this.known.get(slug);
  }

  /** Ids of the batch's brands, creating missing ones (with their event) inside `tx`. */
  async resolve(ctx: ServiceContext<ImportDb>, tx: Tx, brands: Map<string, string>): Promise<Map<string, string>> {
    const resolved = new Map<string, string>();
    const missing: Array<{ slug: string; name: string }> = [];
    for (const [slug, name] of brands) {
      const id = this.known.get(slug);
      if (id) resolved.set(slug, id);
      else missing.push({ slug, name });
    }
    if (missing.length === 0) return resolved;
    const ids = missing.map(() => newId('brand'));
    const created = await sql<{ id: string; slug: string; name: string; version: number }>`
      insert into brands (id, slug, name)
      select * from unnest(${ids}::text[], ${missing.map((b) => b.slug)}::text[], ${missing.map((b) => b.name)}::text[])
      on conflict (slug) do nothing
      returning id, slug, name, version`.execute(tx);
    await ctx.events.publishMany(
      tx,
      created.rows.map((b) => ({ type: brandUpserted.type, subject: b.id, data: { id: b.id, slug: b.slug, name: b.name, version: b.version } })),
    );
    for (const b of created.rows) resolved.set(b.slug, b.id);
    const others = missing.filter((b) => !resolved.has(b.slug)).map((b) => b.slug);
    if (others.length > 0) {
      const rows = await tx.selectFrom('brands').select(['id', 'slug']).where('slug', 'in', others).execute();
      for (const b of rows) resolved.set(b.slug, b.id);
    }
    return resolved;
  }

  /** Remembers ids once their transaction committed. */
  remember(ids: Map<string, string>): void {
    for (const [slug, id] of ids) this.known.set(slug, id);
  }
}

/**
 * Writes a batch of valid products in one transaction with set-based statements: products whose
 * content hash is unchanged are skipped; the rest are inserted or updated, their variants replaced
 * (a SKU that stays keeps its variant id), and one `productUpserted` event per changed product is
 * published in the same transaction. If the batch fails on a constraint (a concurrent write), each
 * product is retried alone so only the bad one fails.
 */
export async function writeProducts(ctx: ServiceContext<ImportDb>, batch: ImportProduct[], brands: BrandIds): Promise<BatchOutcome> {
  try {
    return await writeInTransaction(ctx, batch, brands);
  } catch (error) {
    if (!isConstraintViolation(error)) throw error;
    if (batch.length === 1) return { created: 0, updated: 0, unchanged: 0, failed: [{ product: batch[0]!, errors: [constraintError(batch[0]!, error)] }] };
    ctx.log.warn({ err: error, products: batch.length }, 'import batch hit a constraint; writing its products one by one');
    const total: BatchOutcome = { created: 0, updated: 0, unchanged: 0, failed: [] };
    for (const product of batch) {
      const one = await writeProducts(ctx, [product], brands);
      total.created += one.created;
      total.updated += one.updated;
      total.unchanged += one.unchanged;
      total.failed.push(...one.failed);
    }
    return total;
  }
}

/** Unique or foreign-key violations: what a concurrent write can cause between our reads and writes. */
function isConstraintViolation(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === '23505' || code === '23503';
}

function constraintError(product: ImportProduct, error: unknown): RowError {
  const constraint = (error as { constraint?: string }).constraint ?? '';
  if (constraint === 'variants_sku_key') {
    return { line: product.line, item: product.handle, field: product.locate('sku', 0).field, code: 'sku-taken', message: 'a SKU of this product was taken by another product meanwhile' };
  }
  if (constraint.includes('category')) return { line: product.line, item: product.handle, field: 'category', code: 'unknown-category', message: 'the category was deleted meanwhile' };
  return { line: product.line, item: product.handle, code: 'invalid-value', message: `the product could not be written (${constraint || 'constraint'}); import it again` };
}

async function writeInTransaction(ctx: ServiceContext<ImportDb>, batch: ImportProduct[], brands: BrandIds): Promise<BatchOutcome> {
  const outcome: BatchOutcome = { created: 0, updated: 0, unchanged: 0, failed: [] };
  let brandIds = new Map<string, string>();
  await ctx.db.transaction().execute(async (tx) => {
    const wanted = new Map<string, string>();
    for (const p of batch) if (p.brand && !brands.get(p.brand.slug)) wanted.set(p.brand.slug, p.brand.name);
    brandIds = await brands.resolve(ctx, tx, wanted);
    const brandOf = (p: ImportProduct) => (p.brand ? (brands.get(p.brand.slug) ?? brandIds.get(p.brand.slug)!) : null);

    const existing = new Map(
      (
        await tx
          .selectFrom('products')
          .select(['id', 'handle', 'version', 'content_hash', 'created_at'])
          .where('handle', 'in', batch.map((p) => p.handle))
          .forUpdate()
          .execute()
      ).map((row) => [row.handle, row]),
    );

    const changed: Array<{ product: ImportProduct; digest: string; brandId: string | null; current: typeof existing extends Map<string, infer R> ? R | undefined : never }> = [];
    for (const product of batch) {
      const brandId = brandOf(product);
      const digest = contentHash(product, brandId);
      const current = existing.get(product.handle);
      if (current && current.content_hash === storedHash(current.version, digest)) outcome.unchanged++;
      else changed.push({ product, digest, brandId, current });
    }
    if (changed.length === 0) return;

    // SKUs owned by another product: that product fails; SKUs it keeps keep their variant ids.
    const owners = new Map(
      (
        await tx
          .selectFrom('variants')
          .select(['sku', 'id', 'product_id'])
          .where('sku', 'in', changed.flatMap((c) => c.product.variants.map((v) => v.sku)))
          .execute()
      ).map((row) => [row.sku, row]),
    );
    const writable = changed.filter(({ product, current }) => {
      const errors: RowError[] = [];
      product.variants.forEach((v, i) => {
        const owner = owners.get(v.sku);
        if (owner && owner.product_id !== current?.id) {
          const where = product.locate('sku', i);
          errors.push({ line: where.line, item: product.handle, field: where.field, code: 'sku-taken', message: `SKU ${v.sku} belongs to another product (${owner.product_id})` });
        }
      });
      if (errors.length > 0) outcome.failed.push({ product, errors });
      return errors.length === 0;
    });
    if (writable.length === 0) return;

    const now = new Date();
    const rows = writable.map(({ product, digest, brandId, current }) => {
      const version = current ? current.version + 1 : 1;
      return { product, brandId, id: current?.id ?? newId('prod'), version, createdAt: current?.created_at ?? now, hash: storedHash(version, digest), isNew: !current };
    });
    const inserts = rows.filter((r) => r.isNew);
    const updates = rows.filter((r) => !r.isNew);
    const columns = (list: typeof rows) => ({
      ids: list.map((r) => r.id),
      handles: list.map((r) => r.product.handle),
      names: list.map((r) => r.product.name),
      descriptions: list.map((r) => r.product.description),
      statuses: list.map((r) => r.product.status),
      categories: list.map((r) => r.product.categoryId),
      brands: list.map((r) => r.brandId),
      channels: list.map((r) => JSON.stringify(r.product.channels)),
      attributes: list.map((r) => JSON.stringify(r.product.attributes)),
      media: list.map((r) => JSON.stringify(r.product.media)),
      hashes: list.map((r) => r.hash),
      versions: list.map((r) => r.version),
    });
    if (inserts.length > 0) {
      const c = columns(inserts);
      await sql`
        insert into products (id, handle, name, description, status, category_id, brand_id, channels, attributes, media, content_hash, version, created_at, updated_at)
        select id, handle, name, description, status, category_id, brand_id,
          array(select jsonb_array_elements_text(channels::jsonb)), attributes::jsonb, media::jsonb, content_hash, version, ${now}, ${now}
        from unnest(${c.ids}::text[], ${c.handles}::text[], ${c.names}::text[], ${c.descriptions}::text[], ${c.statuses}::text[],
          ${c.categories}::text[], ${c.brands}::text[], ${c.channels}::text[], ${c.attributes}::text[], ${c.media}::text[], ${c.hashes}::text[], ${c.versions}::int[])
          as u(id, handle, name, description, status, category_id, brand_id, channels, attributes, media, content_hash, version)`.execute(tx);
    }
    if (updates.length > 0) {
      const c = columns(updates);
      await sql`
        update products p set name = u.name, description = u.description, status = u.status, category_id = u.category_id,
          brand_id = u.brand_id, channels = array(select jsonb_array_elements_text(u.channels::jsonb)), attributes = u.attributes::jsonb,
          media = u.media::jsonb, content_hash = u.content_hash, version = u.version, updated_at = ${now}
        from unnest(${c.ids}::text[], ${c.names}::text[], ${c.descriptions}::text[], ${c.statuses}::text[], ${c.categories}::text[],
          ${c.brands}::text[], ${c.channels}::text[], ${c.attributes}::text[], ${c.media}::text[], ${c.hashes}::text[], ${c.versions}::int[])
          as u(id, name, description, status, category_id, brand_id, channels, attributes, media, content_hash, version)
        where p.id = u.id`.execute(tx);
      await tx.deleteFrom('variants').where('product_id', 'in', updates.map((r) => r.id)).execute();
    }

    const variantsOf = rows.map((r) =>
      r.product.variants.map((v, position) => ({ ...v, position, productId: r.id, id: (!r.isNew && owners.get(v.sku)?.id) || newId('var') })),
    );
    const variants = variantsOf.flat();
    await sql`
      insert into variants (id, product_id, sku, name, options, attributes, weight_grams, position)
      select id, product_id, sku, name, options::jsonb, attributes::jsonb, weight_grams, position
      from unnest(${variants.map((v) => v.id)}::text[], ${variants.map((v) => v.productId)}::text[], ${variants.map((v) => v.sku)}::text[],
        ${variants.map((v) => v.name)}::text[], ${variants.map((v) => JSON.stringify(v.options))}::text[],
        ${variants.map((v) => JSON.stringify(v.attributes))}::text[], ${variants.map((v) => v.weightGrams)}::int[], ${variants.map((v) => v.position)}::int[])
        as u(id, product_id, sku, name, options, attributes, weight_grams, position)`.execute(tx);

    const events = rows.map((r, i): NewEvent<ProductState> => ({
      type: productUpserted.type,
      subject: r.id,
      data: {
        id: r.id,
        handle: r.product.handle,
        name: r.product.name,
        description: r.product.description,
        status: r.product.status,
        categoryId: r.product.categoryId,
        brandId: r.brandId,
        channels: r.product.channels,
        attributes: r.product.attributes,
        media: r.product.media,
        variants: variantsOf[i]!.map(({ id, sku, name, options, attributes, weightGrams }) => ({ id, sku, name, options, attributes, weightGrams })),
        version: r.version,
        createdAt: r.createdAt.toISOString(),
        updatedAt: now.toISOString(),
      },
    }));
    await ctx.events.publishMany(tx, events);
    outcome.created += inserts.length;
    outcome.updated += updates.length;
  });
  brands.remember(brandIds);
  return outcome;
}
