import { sql, type Kysely } from 'kysely';

/**
 * Checkouts: one row per saga, its progress (`status`, `step`) and everything later steps and
 * compensations need (`data`), written after every step. The lease says which instance drives the
 * saga until when; the recovery loop takes over sagas whose lease ran out.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('checkouts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('cart_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('processing', 'compensating', 'completed', 'failed')`))
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('order_id', 'text')
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', 'timestamptz', (c) => c.notNull())
    .addColumn('deadline', 'timestamptz', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // A double-click (or a retry racing the first request) joins the first saga instead of starting a second.
  await sql`create unique index checkouts_owner_key on checkouts (owner, idempotency_key)`.execute(db);
  await sql`create index checkouts_unfinished on checkouts (lease_until) where status in ('processing', 'compensating')`.execute(db);
}
