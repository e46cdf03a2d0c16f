import { sql, type Kysely } from 'kysely';

/**
 * The change log every replica's in-memory price index follows: one row per changed price
 * (list, SKU), list, SKU, customer or currency. Writers append under one advisory lock taken last in
 * their transaction, so sequence order is commit order and a reader never skips a row.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table index_changes (
      seq bigserial primary key,
      kind text not null check (kind in ('price', 'list', 'sku', 'customer', 'currency')),
      key text not null,
      list_id text,
      created_at timestamptz not null default now()
    );
    create table index_pruning (id boolean primary key default true check (id), pruned_through bigint not null);
    insert into index_pruning (pruned_through) values (0);
  `.execute(db);
}
