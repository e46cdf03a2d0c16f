import { sql, type Kysely } from 'kysely';

/**
 * The delivery log (one row per event and kind: the unique key makes a redelivered event record
 * nothing new) and each account's email preferences.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('order_id', 'text', (c) => c.notNull())
    .addColumn('order_number', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text')
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'sent', 'failed', 'skipped')`))
    .addColumn('reason', 'text')
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('text_body', 'text', (c) => c.notNull())
    .addColumn('html_body', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('next_attempt_at', 'timestamptz')
    .addColumn('message_id', 'text')
    .addColumn('file', 'text')
    .addColumn('raw', 'bytea')
    .addColumn('sent_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('deliveries_event_kind', ['event_id', 'kind'])
    .addCheckConstraint('deliveries_pending_scheduled', sql`(status = 'pending') = (next_attempt_at is not null)`)
    .execute();
  // The sender's queue: only pending rows, by due time.
  await sql`create index deliveries_due on deliveries (next_attempt_at) where status = 'pending'`.execute(db);
  await sql`create index deliveries_order on deliveries (order_id, id)`.execute(db);
  await sql`create index deliveries_account on deliveries (account_id, id) where account_id is not null`.execute(db);
  await sql`create index deliveries_recipient on deliveries (lower(recipient), id)`.execute(db);
  await sql`create index deliveries_status on deliveries (status, id)`.execute(db);

  await db.schema
    .createTable('preferences')
    .addColumn('account_id', 'text', (c) => c.primaryKey())
    .addColumn('order_confirmation', 'boolean', (c) => c.notNull())
    .addColumn('shipping_updates', 'boolean', (c) => c.notNull())
    .addColumn('refunds', 'boolean', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}
