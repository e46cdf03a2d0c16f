import { sql, type Kysely } from 'kysely';

/**
 * The read model becomes generations of documents (products, categories, brands, attribute
 * definitions) with a change sequence that search replicas tail into their in-memory index. The
 * first-slice table is dropped and the inbox cleared, so that catching up from the catalog's feed
 * at the next start fills the new table.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists search_products`.execute(db);
  await sql`
    create table search_generations (
      id integer primary key,
      status text not null check (status in ('building', 'active', 'retired', 'failed')),
      started_at timestamptz not null default now(),
      heartbeat_at timestamptz not null default now(),
      finished_at timestamptz,
      events_read bigint not null default 0,
      documents integer not null default 0,
      requested_by text,
      error text
    )`.execute(db);
  await sql`
    create table search_state (
      id integer primary key check (id = 1),
      change_seq bigint not null,
      active_generation integer not null references search_generations (id),
      building_generation integer references search_generations (id)
    )`.execute(db);
  await sql`insert into search_generations (id, status, finished_at) values (1, 'active', now())`.execute(db);
  await sql`insert into search_state (id, change_seq, active_generation) values (1, 0, 1)`.execute(db);
  await sql`
    create table search_documents (
      generation integer not null,
      kind text not null check (kind in ('attribute', 'brand', 'category', 'product')),
      id text not null,
      seq bigint not null,
      event_sequence integer not null,
      deleted boolean not null default false,
      data jsonb,
      brand_id text,
      category_id text,
      primary key (generation, kind, id)
    )`.execute(db);
  await sql`create index search_documents_changes on search_documents (generation, seq, kind, id)`.execute(db);
  await sql`create index search_documents_brand on search_documents (generation, brand_id) where kind = 'product'`.execute(db);
  await sql`create index search_documents_category on search_documents (generation, category_id) where kind = 'product'`.execute(db);
  await sql`delete from kit_parked_events`.execute(db);
  await sql`delete from kit_inbox_positions`.execute(db);
  await sql`delete from kit_inbox`.execute(db);
}
