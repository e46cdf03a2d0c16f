import { sql, type Kysely } from 'kysely';

/**
 * Checkout participation: a cart is locked while a checkout runs (`checking_out`, with the
 * checkout's id) and closed as `ordered` (with the order's id) when it completes. A locked cart
 * still counts as the customer's one cart, so no second cart can be opened beside it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table carts drop constraint carts_status_check`.execute(db);
  await sql`alter table carts add constraint carts_status_check check (status in ('open', 'checking_out', 'ordered', 'merged', 'expired'))`.execute(db);
  await db.schema.alterTable('carts').addColumn('checkout_id', 'text').addColumn('order_id', 'text').execute();
  await sql`alter table carts drop constraint carts_guest_or_customer`.execute(db);
  await sql`alter table carts add constraint carts_guest_or_customer check (status not in ('open', 'checking_out') or (account_id is null) <> (token_hash is null))`.execute(db);
  await sql`drop index carts_one_open_per_account`.execute(db);
  await sql`create unique index carts_one_open_per_account on carts (account_id) where status in ('open', 'checking_out')`.execute(db);
}
