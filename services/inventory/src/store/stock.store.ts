import { sql } from 'kysely';
import { backorderRoom, type Bin } from '../domain/allocation.ts';
import type { Db, Tx } from './context.ts';

/** A SKU's stock across the active warehouses, expired holds not counted (the stock-changed event's data). */
export interface StockLevel {
  sku: string;
  onHand: number;
  reserved: number;
  available: number;
  inStock: boolean;
  backorderable: boolean;
}

interface LevelRow {
  sku: string;
  backorder_policy: 'deny' | 'allow';
  backorder_limit: number | null;
  backorder_held: number;
  backorder_owed: number;
  on_hand: number;
  reserved: number;
  expired_stock: number;
  expired_backorder: number;
}

/**
 * Stock levels of the given SKUs. Holds whose reservation has expired are subtracted even before
 * the sweeper releases them, so availability never counts an expired hold.
 */
export async function stockLevels(db: Db | Tx, skus: readonly string[], options: { knownOnly?: boolean } = {}): Promise<StockLevel[]> {
  if (skus.length === 0) return [];
  const { rows } = await sql<LevelRow>`
    select k.sku, k.backorder_policy, k.backorder_limit, k.backorder_held, k.backorder_owed,
      coalesce(st.on_hand, 0) as on_hand, coalesce(st.reserved, 0) as reserved,
      coalesce(ex.stock, 0) as expired_stock, coalesce(ex.backorder, 0) as expired_backorder
    from skus k
    left join lateral (
      select sum(s.on_hand) as on_hand, sum(s.reserved) as reserved
      from stock s join warehouses w on w.code = s.warehouse_code
      where s.sku = k.sku and w.active
    ) st on true
    left join lateral (
      select sum(l.quantity) filter (where w.active) as stock, sum(l.quantity) filter (where l.warehouse_code is null) as backorder
      from reservation_lines l
      join reservations r on r.id = l.reservation_id
      left join warehouses w on w.code = l.warehouse_code
      where l.sku = k.sku and l.open and r.expires_at <= clock_timestamp()
    ) ex on true
    where k.sku = any(${[...skus]}) ${options.knownOnly ? sql`and k.deleted_at is null` : sql``}
    order by k.sku`.execute(db);
  return rows.map(toLevel);
}

function toLevel(row: LevelRow): StockLevel {
  const onHand = Number(row.on_hand);
  const reserved = Number(row.reserved) - Number(row.expired_stock);
  const available = onHand - reserved;
  const outstanding = row.backorder_held - Number(row.expired_backorder) + row.backorder_owed;
  const room = backorderRoom({ policy: row.backorder_policy, limit: row.backorder_limit, outstanding });
  return { sku: row.sku, onHand, reserved, available, inStock: available > 0, backorderable: room > 0 };
}

/**
 * Releases the open lines of expired reservations on these SKUs (their other lines wait for the
 * sweeper). Call with the SKU rows locked: freed units are then immediately reusable.
 */
export async function releaseExpiredHolds(tx: Tx, skus: readonly string[]): Promise<void> {
  if (skus.length === 0) return;
  await sql`
    with freed as (
      update reservation_lines l set open = false
      from reservations r
      where r.id = l.reservation_id and l.open and l.sku = any(${[...skus]})
        and r.status = 'held' and r.expires_at <= clock_timestamp()
      returning l.sku, l.warehouse_code, l.quantity
    ),
    from_stock as (
      update stock s set reserved = s.reserved - f.quantity
      from (select sku, warehouse_code, sum(quantity) as quantity from freed where warehouse_code is not null group by 1, 2) f
      where s.sku = f.sku and s.warehouse_code = f.warehouse_code
    )
    update skus k set backorder_held = k.backorder_held - f.quantity
    from (select sku, sum(quantity) as quantity from freed where warehouse_code is null group by 1) f
    where k.sku = f.sku`.execute(tx);
}

/** Free stock per SKU in active warehouses, in allocation order (priority, then code). */
export async function freeStockBins(tx: Tx, skus: readonly string[]): Promise<Map<string, Bin[]>> {
  const rows = await tx
    .selectFrom('stock as s')
    .innerJoin('warehouses as w', 'w.code', 's.warehouse_code')
    .select(['s.sku', 's.warehouse_code', 's.on_hand', 's.reserved'])
    .where('s.sku', 'in', [...skus])
    .where('w.active', '=', true)
    .where(sql<boolean>`s.on_hand > s.reserved`)
    .orderBy('s.sku')
    .orderBy('w.priority')
    .orderBy('w.code')
    .execute();
  const bins = new Map<string, Bin[]>();
  for (const row of rows) {
    const list = bins.get(row.sku) ?? [];
    list.push({ warehouse: row.warehouse_code, free: row.on_hand - row.reserved });
    bins.set(row.sku, list);
  }
  return bins;
}

/**
 * Adds to a stock row's reserved units only if that many are free: a guard the database checks in
 * the same statement, so even a caller that skipped the SKU lock could never over-reserve.
 */
export async function holdStock(tx: Tx, sku: string, warehouse: string, quantity: number): Promise<boolean> {
  const result = await tx
    .updateTable('stock')
    .set({ reserved: sql`reserved + ${quantity}` })
    .where('sku', '=', sku)
    .where('warehouse_code', '=', warehouse)
    .where(sql<boolean>`on_hand - reserved >= ${quantity}`)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** Returns held units to free stock. */
export async function unholdStock(tx: Tx, sku: string, warehouse: string, quantity: number): Promise<void> {
  await tx
    .updateTable('stock')
    .set({ reserved: sql`reserved - ${quantity}` })
    .where('sku', '=', sku)
    .where('warehouse_code', '=', warehouse)
    .execute();
}

/** Held units leave the warehouse (an order was placed); returns the row before and after. */
export async function shipHeldStock(tx: Tx, sku: string, warehouse: string, quantity: number) {
  const after = await tx
    .updateTable('stock')
    .set({ on_hand: sql`on_hand - ${quantity}`, reserved: sql`reserved - ${quantity}` })
    .where('sku', '=', sku)
    .where('warehouse_code', '=', warehouse)
    .where('reserved', '>=', quantity)
    .returning(['on_hand', 'reserved'])
    .executeTakeFirstOrThrow();
  return { before: { onHand: after.on_hand + quantity, reserved: after.reserved + quantity }, after: { onHand: after.on_hand, reserved: after.reserved } };
}

/** The stock row of a SKU in a warehouse, created empty if new, locked for the transaction. */
export async function lockStockRow(tx: Tx, sku: string, warehouse: string): Promise<{ onHand: number; reserved: number }> {
  await tx.insertInto('stock').values({ sku, warehouse_code: warehouse }).onConflict((oc) => oc.doNothing()).execute();
  const row = await tx
    .selectFrom('stock')
    .select(['on_hand', 'reserved'])
    .where('sku', '=', sku)
    .where('warehouse_code', '=', warehouse)
    .forUpdate()
    .executeTakeFirstOrThrow();
  return { onHand: row.on_hand, reserved: row.reserved };
}

/** Per-warehouse figures of one SKU (staff view), expired holds not counted. */
export async function warehouseStock(db: Db, sku: string) {
  const { rows } = await sql<{ code: string; name: string; active: boolean; on_hand: number; reserved: number; expired: number }>`
    select w.code, w.name, w.active, s.on_hand, s.reserved,
      coalesce((
        select sum(l.quantity) from reservation_lines l join reservations r on r.id = l.reservation_id
        where l.sku = s.sku and l.warehouse_code = s.warehouse_code and l.open and r.expires_at <= clock_timestamp()
      ), 0) as expired
    from stock s join warehouses w on w.code = s.warehouse_code
    where s.sku = ${sku}
    order by w.priority, w.code`.execute(db);
  return rows.map((row) => {
    const reserved = row.reserved - Number(row.expired);
    return { code: row.code, name: row.name, active: row.active, onHand: row.on_hand, reserved, available: row.on_hand - reserved };
  });
}

/** SKUs that have a stock row in the warehouse, in SKU order. */
export async function skusStockedIn(db: Db | Tx, warehouse: string): Promise<string[]> {
  const rows = await db.selectFrom('stock').select('sku').where('warehouse_code', '=', warehouse).orderBy('sku').execute();
  return rows.map((row) => row.sku);
}
