import { decodeCursor, encodeCursor, newId } from '@mercato/kit';
import type { Db, Tx } from './context.ts';
import type { Selectable } from 'kysely';
import type { InventoryTables } from './tables.ts';

type Figures = { onHand: number; reserved: number };

export interface Movement {
  id: string;
  sku: string;
  warehouse: string;
  type: string;
  reason: string;
  actor: string;
  reservationId: string | null;
  before: Figures;
  after: Figures;
  backordersSettled: number;
  createdAt: string;
}

/** Writes one line of the audit trail: who changed which stock row, when, why, from what to what. */
export async function recordMovement(
  tx: Tx,
  movement: { sku: string; warehouse: string; type: string; reason: string; actor: string; reservationId?: string; before: Figures; after: Figures; backordersSettled?: number },
): Promise<Movement> {
  const row = await tx
    .insertInto('movements')
    .values({
      id: newId('mov'),
      sku: movement.sku,
      warehouse_code: movement.warehouse,
      type: movement.type,
      reason: movement.reason,
      actor: movement.actor,
      reservation_id: movement.reservationId ?? null,
      on_hand_before: movement.before.onHand,
      on_hand_after: movement.after.onHand,
      reserved_before: movement.before.reserved,
      reserved_after: movement.after.reserved,
      backorders_settled: movement.backordersSettled ?? 0,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toMovement(row);
}

/** A page of movements, newest first, optionally for one SKU and/or warehouse. */
export async function listMovements(
  db: Db,
  query: { sku?: string; warehouse?: string; limit: number; cursor?: string },
): Promise<{ items: Movement[]; nextCursor: string | null }> {
  let q = db.selectFrom('movements').selectAll().orderBy('id', 'desc').limit(query.limit + 1);
  if (query.sku) q = q.where('sku', '=', query.sku);
  if (query.warehouse) q = q.where('warehouse_code', '=', query.warehouse);
  if (query.cursor) q = q.where('id', '<', decodeCursor<{ before: string }>(query.cursor, ['before']).before);
  const rows = await q.execute();
  const items = rows.slice(0, query.limit).map(toMovement);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > query.limit && last ? encodeCursor({ before: last.id }) : null };
}

function toMovement(row: Selectable<InventoryTables['movements']>): Movement {
  return {
    id: row.id,
    sku: row.sku,
    warehouse: row.warehouse_code,
    type: row.type,
    reason: row.reason,
    actor: row.actor,
    reservationId: row.reservation_id,
    before: { onHand: row.on_hand_before, reserved: row.reserved_before },
    after: { onHand: row.on_hand_after, reserved: row.reserved_after },
    backordersSettled: row.backorders_settled,
    createdAt: row.created_at.toISOString(),
  };
}
