import { sql, type Kysely } from 'kysely';

/**
 * Warehouses, the SKUs the catalog announced, stock per SKU per warehouse, reservations (one line
 * per allocation) and the movements audit trail. The checks are the last line of defence: the
 * code never lets on-hand or reserved go negative, nor reserve more than is on hand.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table warehouses (
      code text primary key,
      name text not null,
      priority integer not null,
      active boolean not null default true,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);

  // backorder_held: backordered units of live holds; backorder_owed: of committed orders, not yet received.
  await sql`
    create table skus (
      sku text primary key,
      product_id text not null,
      deleted_at timestamptz,
      backorder_policy text not null default 'deny' check (backorder_policy in ('deny', 'allow')),
      backorder_limit integer check (backorder_limit >= 0),
      backorder_held integer not null default 0 check (backorder_held >= 0),
      backorder_owed integer not null default 0 check (backorder_owed >= 0)
    )`.execute(db);
  await sql`create index skus_product_id on skus (product_id)`.execute(db);

  await sql`
    create table stock (
      sku text not null references skus (sku),
      warehouse_code text not null references warehouses (code),
      on_hand integer not null default 0 check (on_hand >= 0),
      reserved integer not null default 0 check (reserved >= 0),
      primary key (sku, warehouse_code),
      constraint stock_reserved_within_on_hand check (reserved <= on_hand)
    )`.execute(db);

  await sql`
    create table reservations (
      id text primary key,
      reference text,
      status text not null check (status in ('held', 'committed', 'released', 'expired')),
      expires_at timestamptz not null,
      created_by text not null,
      created_at timestamptz not null default now(),
      closed_at timestamptz
    )`.execute(db);
  await sql`create index reservations_held_expiry on reservations (expires_at) where status = 'held'`.execute(db);

  // warehouse_code null: the backordered part. open: still counted in stock.reserved / skus.backorder_held.
  await sql`
    create table reservation_lines (
      reservation_id text not null references reservations (id) on delete cascade,
      position integer not null,
      sku text not null references skus (sku),
      warehouse_code text references warehouses (code),
      quantity integer not null check (quantity > 0),
      open boolean not null default true,
      primary key (reservation_id, position)
    )`.execute(db);
  await sql`create index reservation_lines_open_sku on reservation_lines (sku, warehouse_code) where open`.execute(db);

  await sql`
    create table movements (
      id text primary key,
      sku text not null references skus (sku),
      warehouse_code text not null references warehouses (code),
      type text not null,
      reason text not null,
      actor text not null,
      reservation_id text references reservations (id),
      on_hand_before integer not null,
      on_hand_after integer not null,
      reserved_before integer not null,
      reserved_after integer not null,
      backorders_settled integer not null default 0,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index movements_sku on movements (sku, id)`.execute(db);
  await sql`create index movements_warehouse on movements (warehouse_code, id)`.execute(db);
}
