import { sql, type Kysely } from 'kysely';

/**
 * The event store (the order streams and their snapshots) and the three read models projected from
 * it in the same transaction: order detail, the customer's order list and the staff board.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('order_events')
    .addColumn('order_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().check(sql`version >= 1`))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    // Two writers appending the same version: the second violates the key (optimistic concurrency).
    .addPrimaryKeyConstraint('order_events_stream_version', ['order_id', 'version'])
    .execute();

  await db.schema
    .createTable('order_snapshots')
    .addColumn('order_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('schema', 'integer', (c) => c.notNull())
    .addColumn('state', 'jsonb', (c) => c.notNull())
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('order_snapshots_pkey', ['order_id', 'version'])
    .execute();

  await sql`create sequence order_numbers`.execute(db);

  await db.schema
    .createTable('order_detail')
    .addColumn('order_id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text')
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('notes', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('order_customer_list')
    .addColumn('order_id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('payment_status', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('grand_total', 'bigint', (c) => c.notNull())
    .addColumn('item_count', 'integer', (c) => c.notNull())
    .addColumn('placed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await sql`create index order_customer_list_newest on order_customer_list (account_id, placed_at desc, order_id desc)`.execute(db);

  await db.schema
    .createTable('order_board')
    .addColumn('order_id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text')
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('payment_status', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('grand_total', 'bigint', (c) => c.notNull())
    .addColumn('item_count', 'integer', (c) => c.notNull())
    .addColumn('placed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await sql`create index order_board_newest on order_board (placed_at desc, order_id desc)`.execute(db);
  await sql`create index order_board_status on order_board (status, placed_at desc, order_id desc)`.execute(db);
  await sql`create index order_board_payment_status on order_board (payment_status, placed_at desc, order_id desc)`.execute(db);
  await sql`create index order_board_account on order_board (account_id, placed_at desc, order_id desc)`.execute(db);
}
