import type { ColumnType, Generated } from 'kysely';
import type { PromotionAction, PromotionCondition } from '../domain/promotions/definition.ts';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Nullable<T> = T | null;

/** The pricing database, as Kysely sees it. Amounts are integers in the currency's minor unit. */
export interface PricingTables {
  /** Currencies the shop sells in, and whether their prices include tax. */
  currencies: { code: string; minor_units: number; tax_mode: 'gross' | 'net'; created_at: Timestamp };
  price_lists: {
    id: string;
    code: string;
    name: string;
    kind: 'base' | 'group' | 'contract';
    currency: string;
    channel: Nullable<'web' | 'mobile'>;
    group_code: Nullable<string>;
    company_id: Nullable<string>;
    customer_id: Nullable<string>;
    priority: number;
    valid_from: Nullable<Date>;
    valid_to: Nullable<Date>;
    active: boolean;
    version: Generated<number>;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
  /** One row per tier: the unit price of `sku` in `list_id` from `min_quantity` units up. */
  prices: { list_id: string; sku: string; min_quantity: number; amount: number; updated_at: Timestamp };
  /** Read model of the catalog's variants (from product events). */
  skus: { sku: string; product_id: string; category_id: Nullable<string>; brand_id: Nullable<string>; weight_grams: Nullable<number> };
  /** Read model of the catalog's category tree: `path` lists ancestor ids from the root down to the category. */
  categories: { id: string; path: string[] };
  /** Read model of the customers service: what prices go by. */
  customers: { customer_id: string; account_id: string; company_id: Nullable<string>; effective_groups: string[]; version: number };
  tax_classes: { code: string; name: string; is_default: boolean };
  tax_zones: { code: string; name: string };
  /** A country belongs to at most one zone. */
  tax_zone_countries: { country: string; zone_code: string };
  tax_rates: { zone_code: string; class_code: string; rate_bp: number };
  /** The tax class of a category's products (and its descendants', unless they have their own). */
  category_tax_classes: { category_id: string; class_code: string };
  shipping_methods: { code: string; name: string; tax_class: Nullable<string>; active: boolean };
  shipping_rates: {
    method_code: string;
    zone_code: string;
    currency: string;
    kind: 'flat' | 'weight';
    amount: Nullable<number>;
    /** Weight bands, ascending: `[{ maxGrams, amount }]`. */
    bands: Nullable<ColumnType<Array<{ maxGrams: number; amount: number }>, string, string>>;
    free_over: Nullable<number>;
  };
  /** What changed, in commit order, for the replicas' in-memory price indexes. */
  index_changes: {
    seq: Generated<number>;
    kind: 'price' | 'list' | 'sku' | 'customer' | 'currency' | 'promotion';
    key: string;
    list_id: Nullable<string>;
    created_at: Generated<Date>;
  };
  index_pruning: { id: Generated<boolean>; pruned_through: number };
  promotions: {
    id: string;
    code: string;
    name: string;
    description: Generated<string>;
    currency: Nullable<string>;
    conditions: ColumnType<PromotionCondition[], string, string>;
    action: ColumnType<PromotionAction, string, string>;
    priority: number;
    stacking: 'stackable' | 'exclusive';
    per_customer_limit: Nullable<number>;
    valid_from: Nullable<Date>;
    valid_to: Nullable<Date>;
    active: boolean;
    version: Generated<number>;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
  /** Coupon codes, upper-cased; `uses` counts live redemptions and never exceeds `max_uses`. */
  coupons: { code: string; promotion_id: string; max_uses: Nullable<number>; uses: Generated<number>; created_at: Timestamp };
  redemptions: {
    id: string;
    promotion_id: string;
    coupon_code: string;
    account_id: string;
    reference: string;
    status: 'reserved' | 'committed' | 'released';
    created_at: Timestamp;
    updated_at: Timestamp;
  };
  /** Live redemptions per promotion and account (the per-customer limit). */
  promotion_account_uses: { promotion_id: string; account_id: string; uses: number };
  /** Accounts known to have ordered (the "first order" condition). */
  ordered_accounts: { account_id: string; first_seen_at: Timestamp; source: string };
}
