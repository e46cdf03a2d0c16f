import type { ColumnType, Generated } from 'kysely';
import type { Notice, PricedCart, StoredLine } from '../domain/cart.ts';

type Timestamp = ColumnType<Date, Date | undefined, Date>;
type Json<T> = ColumnType<T, string, string>;

/** The cart database, as Kysely sees it. */
export interface CartTables {
  carts: {
    id: string;
    /** The owner of a customer cart; null for a guest cart. */
    account_id: string | null;
    /** SHA-256 of a guest cart's secret token (the token itself is never stored). */
    token_hash: string | null;
    status: 'open' | 'checking_out' | 'ordered' | 'merged' | 'expired';
    merged_into: string | null;
    /** The checkout holding the cart (`checking_out`) or that ordered it (`ordered`). */
    checkout_id: Generated<string | null>;
    /** The order placed from the cart (`ordered`). */
    order_id: Generated<string | null>;
    currency: string;
    minor_units: number;
    channel: 'web' | 'mobile';
    shipping_country: string | null;
    shipping_method: string | null;
    lines: Json<StoredLine[]>;
    /** The lines' SKUs (GIN-indexed), for marking carts stale on a price change. */
    skus: string[];
    coupons: string[];
    /** The last computed prices and totals; null for a cart never priced. */
    priced: Json<PricedCart | null>;
    priced_at: Date | null;
    /** A price of one of its SKUs changed since `priced`: the next read recomputes. */
    stale: Generated<boolean>;
    notices: Json<Notice[]>;
    version: number;
    created_at: Timestamp;
    updated_at: Timestamp;
    last_active_at: Timestamp;
  };
}
