import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | undefined, Date>;

export type BackorderPolicy = 'deny' | 'allow';
export type ReservationStatus = 'held' | 'committed' | 'released' | 'expired';

/** The inventory database, as Kysely sees it. */
export interface InventoryTables {
  warehouses: {
    code: string;
    name: string;
    priority: number;
    active: Generated<boolean>;
    created_at: CreatedAt;
    updated_at: UpdatedAt;
  };
  skus: {
    sku: string;
    product_id: string;
    deleted_at: Date | null;
    backorder_policy: Generated<BackorderPolicy>;
    backorder_limit: number | null;
    backorder_held: Generated<number>;
    backorder_owed: Generated<number>;
  };
  stock: {
    sku: string;
    warehouse_code: string;
    on_hand: Generated<number>;
    reserved: Generated<number>;
  };
  reservations: {
    id: string;
    reference: string | null;
    status: ReservationStatus;
    expires_at: Date;
    created_by: string;
    created_at: CreatedAt;
    closed_at: Date | null;
  };
  reservation_lines: {
    reservation_id: string;
    position: number;
    sku: string;
    /** Null for the backordered part of a line. */
    warehouse_code: string | null;
    quantity: number;
    open: Generated<boolean>;
  };
  movements: {
    id: string;
    sku: string;
    warehouse_code: string;
    type: string;
    reason: string;
    actor: string;
    reservation_id: string | null;
    on_hand_before: number;
    on_hand_after: number;
    reserved_before: number;
    reserved_after: number;
    backorders_settled: Generated<number>;
    created_at: CreatedAt;
  };
}
