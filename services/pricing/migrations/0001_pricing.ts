import { sql, type Kysely } from 'kysely';

/** Currencies, price lists with tiered prices, read models of SKUs/categories/customers, taxes, shipping. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table currencies (
      code text primary key check (code ~ '^[A-Z]{3}$'),
      minor_units integer not null check (minor_units between 0 and 4),
      tax_mode text not null check (tax_mode in ('gross', 'net')),
      created_at timestamptz not null default now()
    );

    create table price_lists (
      id text primary key,
      code text not null unique,
      name text not null,
      kind text not null check (kind in ('base', 'group', 'contract')),
      currency text not null references currencies (code),
      channel text check (channel in ('web', 'mobile')),
      group_code text,
      company_id text,
      customer_id text,
      priority integer not null default 0,
      valid_from timestamptz,
      valid_to timestamptz,
      active boolean not null default true,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (valid_from is null or valid_to is null or valid_from < valid_to),
      check (
        (kind = 'base' and group_code is null and company_id is null and customer_id is null)
        or (kind = 'group' and group_code is not null and company_id is null and customer_id is null)
        or (kind = 'contract' and group_code is null and (company_id is null) <> (customer_id is null))
      )
    );

    -- The resolution query looks prices up by SKU first: the key starts with it.
    create table prices (
      sku text not null,
      list_id text not null references price_lists (id) on delete cascade,
      min_quantity integer not null check (min_quantity >= 1),
      amount bigint not null check (amount >= 0),
      updated_at timestamptz not null default now(),
      primary key (sku, list_id, min_quantity)
    );
    create index prices_list_sku on prices (list_id, sku);

    create table skus (
      sku text primary key,
      product_id text not null,
      category_id text,
      brand_id text,
      weight_grams integer
    );
    create index skus_product on skus (product_id);

    create table categories (id text primary key, path text[] not null);

    create table customers (
      customer_id text primary key,
      account_id text not null unique,
      company_id text,
      effective_groups text[] not null,
      version integer not null
    );

    create table tax_classes (code text primary key, name text not null, is_default boolean not null default false);
    create unique index tax_classes_one_default on tax_classes (is_default) where is_default;

    create table tax_zones (code text primary key, name text not null);
    create table tax_zone_countries (
      country text primary key check (country ~ '^[A-Z]{2}$'),
      zone_code text not null references tax_zones (code) on delete cascade
    );
    create table tax_rates (
      zone_code text not null references tax_zones (code) on delete cascade,
      class_code text not null references tax_classes (code) on delete restrict,
      rate_bp integer not null check (rate_bp between 0 and 10000),
      primary key (zone_code, class_code)
    );
    create table category_tax_classes (
      category_id text primary key,
      class_code text not null references tax_classes (code) on delete restrict
    );

    create table shipping_methods (
      code text primary key,
      name text not null,
      tax_class text references tax_classes (code) on delete restrict,
      active boolean not null default true
    );
    create table shipping_rates (
      method_code text not null references shipping_methods (code) on delete cascade,
      zone_code text not null references tax_zones (code) on delete cascade,
      currency text not null references currencies (code),
      kind text not null check (kind in ('flat', 'weight')),
      amount bigint check (amount >= 0),
      bands jsonb,
      free_over bigint check (free_over >= 0),
      primary key (method_code, zone_code, currency),
      check ((kind = 'flat' and amount is not null and bands is null) or (kind = 'weight' and amount is null and bands is not null))
    );
  `.execute(db);
}
