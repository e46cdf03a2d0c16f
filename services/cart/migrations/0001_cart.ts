import { sql, type Kysely } from 'kysely';

/**
 * Carts: one row per cart, lines inside it (a cart is read and written whole), the SKUs repeated in
 * an indexed array so that a price change finds the carts holding a SKU.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('carts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text')
    .addColumn('token_hash', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open').check(sql`status in ('open', 'merged', 'expired')`))
    .addColumn('merged_into', 'text')
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('minor_units', 'integer', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('shipping_country', 'text')
    .addColumn('shipping_method', 'text')
    .addColumn('lines', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('skus', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('coupons', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('priced', 'jsonb')
    .addColumn('priced_at', 'timestamptz')
    .addColumn('stale', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('notices', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_active_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('carts_guest_or_customer', sql`status <> 'open' or (account_id is null) <> (token_hash is null)`)
    .execute();
  // A customer has one open cart at a time.
  await sql`create unique index carts_one_open_per_account on carts (account_id) where status = 'open'`.execute(db);
  await sql`create index carts_open_skus on carts using gin (skus) where status = 'open'`.execute(db);
  // No index on last_active_at: every write sets it, and an indexed column would rule out HOT
  // updates (the row rewritten in place, no index touched) on every add. The sweeper scans instead.
  await sql`alter table carts set (fillfactor = 70)`.execute(db);
  await sql`create index carts_closed_updated on carts (updated_at) where status <> 'open'`.execute(db);
}
