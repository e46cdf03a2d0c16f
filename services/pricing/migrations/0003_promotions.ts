import { sql, type Kysely } from 'kysely';

/**
 * Promotions, their coupon codes with usage counters, redemptions, per-account usage counters and
 * the accounts known to have ordered (for "first order"). Promotion definitions join the change log
 * so that every replica keeps them in memory.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table promotions (
      id text primary key,
      code text not null unique,
      name text not null,
      description text not null default '',
      currency text references currencies (code),
      conditions jsonb not null,
      action jsonb not null,
      priority integer not null default 0,
      stacking text not null check (stacking in ('stackable', 'exclusive')),
      per_customer_limit integer check (per_customer_limit >= 1),
      valid_from timestamptz,
      valid_to timestamptz,
      active boolean not null default true,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (valid_from is null or valid_to is null or valid_from < valid_to)
    );

    -- Codes are case-insensitive: the key is the upper-cased code.
    create table coupons (
      code text primary key check (code = upper(code)),
      promotion_id text not null references promotions (id) on delete cascade,
      max_uses integer check (max_uses >= 1),
      uses integer not null default 0,
      created_at timestamptz not null default now(),
      check (uses >= 0 and (max_uses is null or uses <= max_uses))
    );
    create index coupons_promotion on coupons (promotion_id);

    create table redemptions (
      id text primary key,
      promotion_id text not null references promotions (id) on delete cascade,
      coupon_code text not null references coupons (code) on delete cascade,
      account_id text not null,
      reference text not null,
      status text not null check (status in ('reserved', 'committed', 'released')),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    -- One live redemption of a promotion per order or cart.
    create unique index redemptions_one_per_reference on redemptions (promotion_id, reference) where status <> 'released';
    create index redemptions_account on redemptions (account_id);

    -- Live (reserved or committed) redemptions per promotion and account, under a check-and-increment.
    create table promotion_account_uses (
      promotion_id text not null references promotions (id) on delete cascade,
      account_id text not null,
      uses integer not null check (uses >= 0),
      primary key (promotion_id, account_id)
    );

    -- Accounts known to have ordered: fed by committed redemptions today (orders' events later).
    create table ordered_accounts (
      account_id text primary key,
      first_seen_at timestamptz not null default now(),
      source text not null
    );

    alter table index_changes drop constraint index_changes_kind_check;
    alter table index_changes add constraint index_changes_kind_check check (kind in ('price', 'list', 'sku', 'customer', 'currency', 'promotion'));
  `.execute(db);
}
