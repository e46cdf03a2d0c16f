import { sql, type Kysely } from 'kysely';
import type { ImportDb } from '../import/tables.ts';
import type { ProductRecord } from '../import/records.ts';
import { csvLine } from './csv.ts';
import { productCsvHeader, productCsvRows, type AttributeColumns, type ProductCsvLayout } from './product-csv.ts';

/** Products read per query: pages keep memory bounded whatever the catalog's size. */
const PAGE = 500;

/** The CSV columns this catalog needs: its attribute definitions, the locales in use, the option names in use. */
async function csvLayout(db: Kysely<ImportDb>): Promise<ProductCsvLayout> {
  const definitions = await db.selectFrom('attribute_definitions').select(['code', 'scope', 'localized']).orderBy('code').execute();
  const locales = await sql<{ code: string; locale: string }>`
    select distinct a.key as code, l.locale from products p, jsonb_each(p.attributes) a, jsonb_object_keys(a.value) l(locale) where jsonb_typeof(a.value) = 'object'
    union
    select distinct a.key, l.locale from variants v, jsonb_each(v.attributes) a, jsonb_object_keys(a.value) l(locale) where jsonb_typeof(a.value) = 'object'
    order by 1, 2`.execute(db);
  const options = await sql<{ name: string }>`select distinct jsonb_object_keys(options) as name from variants order by 1`.execute(db);
  const columns = (scope: 'product' | 'variant'): AttributeColumns[] =>
    definitions
      .filter((d) => d.scope === scope)
      .map((d) => (d.localized ? { code: d.code, locales: locales.rows.filter((l) => l.code === d.code).map((l) => l.locale) } : { code: d.code }))
      .filter((c) => !c.locales || c.locales.length > 0);
  return { productAttributes: columns('product'), variantAttributes: columns('variant'), options: options.rows.map((o) => o.name) };
}

/** Every product as an import record, page by page in id order. */
export async function* productRecords(db: Kysely<ImportDb>): AsyncGenerator<ProductRecord[]> {
  for (let after = ''; ; ) {
    const products = await db
      .selectFrom('products as p')
      .leftJoin('categories as c', 'c.id', 'p.category_id')
      .leftJoin('brands as b', 'b.id', 'p.brand_id')
      .select(['p.id', 'p.handle', 'p.name', 'p.description', 'p.status', 'p.channels', 'p.media', 'p.attributes', 'c.slug as category', 'b.slug as brand', 'b.name as brandName'])
      .where('p.id', '>', after)
      .orderBy('p.id')
      .limit(PAGE)
      .execute();
    if (products.length === 0) return;
    const variants = await db
      .selectFrom('variants')
      .select(['product_id', 'sku', 'name', 'options', 'attributes', 'weight_grams'])
      .where('product_id', 'in', products.map((p) => p.id))
      .orderBy('product_id')
      .orderBy('position')
      .execute();
    const byProduct = new Map<string, ProductRecord['variants']>();
    for (const v of variants) {
      const list = byProduct.get(v.product_id) ?? [];
      list.push({ sku: v.sku, name: v.name, options: v.options, attributes: v.attributes, weightGrams: v.weight_grams });
      byProduct.set(v.product_id, list);
    }
    yield products.map((p) => ({
      handle: p.handle,
      name: p.name,
      description: p.description,
      status: p.status,
      category: p.category,
      brand: p.brand,
      ...(p.brandName ? { brandName: p.brandName } : {}),
      channels: p.channels,
      media: p.media,
      attributes: p.attributes,
      variants: byProduct.get(p.id) ?? [],
    }));
    after = products.at(-1)!.id;
  }
}

/** The products file in the import format, as text chunks (one per page). */
export async function* exportProducts(db: Kysely<ImportDb>, format: 'csv' | 'ndjson'): AsyncGenerator<string> {
  const layout = format === 'csv' ? await csvLayout(db) : undefined;
  if (layout) yield csvLine(productCsvHeader(layout));
  for await (const page of productRecords(db)) {
    let chunk = '';
    for (const product of page) {
      if (layout) for (const row of productCsvRows(product, layout)) chunk += csvLine(row);
      else chunk += `${JSON.stringify(product)}\n`;
    }
    yield chunk;
  }
}
