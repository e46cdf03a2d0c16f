import type { ColumnType } from 'kysely';
import type { OrderStatus, PaymentStatus } from '../domain/order.ts';

type Json<T> = ColumnType<T, string, string>;

/** One row of the customer's order list and of the staff board (the board adds email). */
export interface ListRow {
  order_id: string;
  number: string;
  status: OrderStatus;
  payment_status: PaymentStatus;
  currency: string;
  grand_total: number;
  item_count: number;
  placed_at: Date;
  updated_at: Date;
  version: number;
}

/** The orders database, as Kysely sees it. */
export interface OrdersTables {
  order_events: {
    order_id: string;
    version: number;
    type: string;
    data: Json<unknown>;
    occurred_at: Date;
    actor: string;
  };
  order_snapshots: {
    order_id: string;
    version: number;
    /** The `evolve` generation that folded the state (SNAPSHOT_SCHEMA). */
    schema: number;
    state: Json<unknown>;
    occurred_at: Date;
  };
  order_detail: {
    order_id: string;
    account_id: string | null;
    /** The order as the API shows it, notes aside. */
    data: Json<unknown>;
    notes: Json<unknown[]>;
    version: number;
  };
  order_customer_list: ListRow & { account_id: string };
  order_board: ListRow & { account_id: string | null; email: string };
}
