import { sql, type Kysely } from 'kysely';

/**
 * The PIM model: brands, channels, attribute definitions, typed attribute values on products and
 * variants, media references, a versioned category tree, and a content hash that lets a re-import
 * of unchanged data change nothing.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('brands')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('channels')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .execute();
  await db.insertInto('channels').values([
    { code: 'web', name: 'Web storefront' },
    { code: 'mobile', name: 'Mobile app' },
  ]).execute();
  await db.schema
    .createTable('attribute_definitions')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('type', 'text', (c) => c.notNull().check(sql`type in ('text', 'number', 'enum', 'boolean')`))
    .addColumn('label', 'jsonb', (c) => c.notNull())
    .addColumn('localized', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('scope', 'text', (c) => c.notNull().defaultTo('product').check(sql`scope in ('product', 'variant')`))
    .addColumn('options', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('unit', 'text')
    .addColumn('facetable', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('searchable', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .alterTable('categories')
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('categories_parent_id').on('categories').columns(['parent_id', 'position']).execute();

  await db.schema
    .alterTable('products')
    .addColumn('brand_id', 'text', (c) => c.references('brands.id').onDelete('restrict'))
    .addColumn('channels', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{web,mobile}'`))
    .addColumn('attributes', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('media', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('content_hash', 'text')
    .execute();
  await db.schema.createIndex('products_brand_id').on('products').columns(['brand_id', 'id']).execute();

  await db.schema
    .alterTable('variants')
    .addColumn('attributes', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('weight_grams', 'integer', (c) => c.check(sql`weight_grams >= 0`))
    .execute();
}
