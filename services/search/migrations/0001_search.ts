import { sql, type Kysely } from 'kysely';

/** The read model: one row per catalog product, with a weighted full-text document. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table search_products (
      id text primary key,
      handle text not null,
      name text not null,
      description text not null,
      status text not null,
      category_id text,
      skus text[] not null,
      sku_text text not null,
      version integer not null,
      updated_at timestamptz not null,
      document tsvector generated always as (
        setweight(to_tsvector('simple', name), 'A') ||
        setweight(to_tsvector('simple', sku_text), 'A') ||
        setweight(to_tsvector('english', description), 'D')
      ) stored
    )`.execute(db);
  await sql`create index search_products_document on search_products using gin (document)`.execute(db);
}
