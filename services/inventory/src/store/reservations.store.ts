import { reservationCommitted, reservationHeld, reservationReleased } from '@mercato/contracts';
import { fieldProblem, newId, problem } from '@mercato/kit';
import { sql } from 'kysely';
import { allocate, type BackorderAllowance, type LineRequest } from '../domain/allocation.ts';
import { inventoryErrors } from '../errors.ts';
import { publishStockChanged } from '../events/stock-events.ts';
import type { Db, InventoryContext, Tx } from './context.ts';
import { recordMovement } from './movements.store.ts';
import { lockSkus } from './skus.store.ts';
import { freeStockBins, holdStock, releaseExpiredHolds, shipHeldStock, unholdStock } from './stock.store.ts';
import type { ReservationStatus } from './tables.ts';

export interface Reservation {
  id: string;
  reference: string | null;
  /** `expired` as soon as `expiresAt` has passed, even before the sweeper released the hold. */
  status: ReservationStatus;
  expiresAt: string;
  createdAt: string;
  lines: Array<{ sku: string; quantity: number; backordered: number; allocations: Array<{ warehouse: string; quantity: number }> }>;
}

export interface ReservationInput {
  reference?: string;
  ttlSeconds: number;
  lines: Array<{ sku: string; quantity: number }>;
}

/** The reservation with its lines grouped per SKU, or undefined. */
export async function findReservation(db: Db | Tx, id: string): Promise<Reservation | undefined> {
  const row = await db
    .selectFrom('reservations')
    .select(['id', 'reference', 'status', 'expires_at', 'created_at', sql<boolean>`expires_at <= clock_timestamp()`.as('lapsed')])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const parts = await db.selectFrom('reservation_lines').select(['sku', 'warehouse_code', 'quantity']).where('reservation_id', '=', id).orderBy('position').execute();
  const lines = new Map<string, Reservation['lines'][number]>();
  for (const part of parts) {
    const line = lines.get(part.sku) ?? { sku: part.sku, quantity: 0, backordered: 0, allocations: [] };
    line.quantity += part.quantity;
    if (part.warehouse_code === null) line.backordered += part.quantity;
    else line.allocations.push({ warehouse: part.warehouse_code, quantity: part.quantity });
    lines.set(part.sku, line);
  }
  return {
    id: row.id,
    reference: row.reference,
    status: row.status === 'held' && row.lapsed ? 'expired' : row.status,
    expiresAt: row.expires_at.toISOString(),
    createdAt: row.created_at.toISOString(),
    lines: [...lines.values()],
  };
}

/**
 * Holds every line of a cart, or nothing: SKUs are locked in order, expired holds on them are
 * released, each line is allocated from warehouses by priority (then backordered if the SKU's
 * policy allows), and any shortage rolls the whole transaction back.
 */
export async function reserve(ctx: InventoryContext, input: ReservationInput, actor: string): Promise<Reservation> {
  const requests: LineRequest[] = input.lines.map((line, index) => ({ index, ...line }));
  const skus = [...new Set(requests.map((line) => line.sku))].sort();
  return ctx.db.transaction().execute(async (tx) => {
    const known = await lockSkus(tx, skus, { knownOnly: true });
    const unknown = requests.filter((line) => !known.has(line.sku));
    if (unknown.length > 0) {
      throw fieldProblem(
        inventoryErrors.skuNotInCatalog,
        unknown.map((line) => ({ pointer: `body/lines/${line.index}/sku`, detail: `${line.sku} is not a catalog SKU`, sku: line.sku })),
      );
    }
    await releaseExpiredHolds(tx, skus);
    const locked = await lockSkus(tx, skus, { knownOnly: true }); // re-read: the release changed backorder_held
    const allowances = new Map<string, BackorderAllowance>(
      [...locked.values()].map((s) => [s.sku, { policy: s.backorder_policy, limit: s.backorder_limit, outstanding: s.backorder_held + s.backorder_owed }]),
    );
    const { allocations, shortages } = allocate(requests, await freeStockBins(tx, skus), allowances);
    if (shortages.length > 0) {
      throw fieldProblem(
        inventoryErrors.insufficientStock,
        shortages.map((s) => ({ pointer: `body/lines/${s.index}/quantity`, detail: `${s.requested} requested, ${s.available} available`, sku: s.sku })),
        { shortages: shortages.map(({ sku, requested, available }) => ({ sku, requested, available })) },
      );
    }

    const id = newId('res');
    await tx
      .insertInto('reservations')
      .values({ id, reference: input.reference ?? null, status: 'held', created_by: actor, expires_at: sql`clock_timestamp() + make_interval(secs => ${input.ttlSeconds})` })
      .execute();
    const parts = allocations.flatMap((line) => line.parts.map((part) => ({ sku: line.sku, ...part })));
    await tx
      .insertInto('reservation_lines')
      .values(parts.map((part, position) => ({ reservation_id: id, position, sku: part.sku, warehouse_code: part.warehouse, quantity: part.quantity })))
      .execute();
    for (const part of parts) {
      if (part.warehouse === null) {
        await tx.updateTable('skus').set({ backorder_held: sql`backorder_held + ${part.quantity}` }).where('sku', '=', part.sku).execute();
      } else if (!(await holdStock(tx, part.sku, part.warehouse, part.quantity))) {
        throw new Error(`stock of ${part.sku} in ${part.warehouse} changed under its lock`);
      }
    }
    const reservation = (await findReservation(tx, id))!;
    await ctx.events.publish(tx, { type: reservationHeld.type, subject: id, data: eventData(reservation) });
    await publishStockChanged(ctx, tx, skus);
    return reservation;
  });
}

/**
 * Commits a held reservation (an order was placed): held units leave on-hand, backordered units
 * become owed. Committing again answers the same; a released or expired reservation is a 409.
 */
export async function commitReservation(ctx: InventoryContext, id: string, actor: string): Promise<Reservation> {
  return withReservationLocked(ctx, id, async (tx, current) => {
    if (current.status === 'committed') return undefined;
    if (current.status === 'released') throw problem(inventoryErrors.reservationReleased, `Reservation ${id} was released; hold the stock again`);
    if (current.status === 'expired' || current.lapsed) throw problem(inventoryErrors.reservationExpired, `Reservation ${id} expired at ${current.expiresAt.toISOString()}`);
    for (const part of await closeOpenLines(tx, id)) {
      if (part.warehouse_code === null) {
        await tx
          .updateTable('skus')
          .set({ backorder_held: sql`backorder_held - ${part.quantity}`, backorder_owed: sql`backorder_owed + ${part.quantity}` })
          .where('sku', '=', part.sku)
          .execute();
        continue;
      }
      const { before, after } = await shipHeldStock(tx, part.sku, part.warehouse_code, part.quantity);
      await recordMovement(tx, {
        sku: part.sku,
        warehouse: part.warehouse_code,
        type: 'commit',
        reason: current.reference ? `order placed (reference ${current.reference})` : 'order placed',
        actor,
        reservationId: id,
        before,
        after,
      });
    }
    await tx.updateTable('reservations').set({ status: 'committed', closed_at: new Date() }).where('id', '=', id).execute();
    return { type: reservationCommitted.type };
  });
}

/**
 * Releases a held reservation (compensation, or expiry): its units are free again. Releasing a
 * released or expired reservation answers the same; a committed one is a 409.
 */
export async function releaseReservation(ctx: InventoryContext, id: string): Promise<Reservation> {
  return withReservationLocked(ctx, id, async (tx, current) => {
    if (current.status === 'released' || current.status === 'expired') return undefined;
    if (current.status === 'committed') throw problem(inventoryErrors.reservationCommitted, `Reservation ${id} was committed; it can no longer be released`);
    return endHold(tx, id, current.lapsed ? 'expired' : 'requested');
  });
}

/** Releases a held reservation whose time is up (the sweeper); anything else is left alone. */
export async function expireReservation(ctx: InventoryContext, id: string): Promise<void> {
  await withReservationLocked(ctx, id, async (tx, current) => {
    if (current.status !== 'held' || !current.lapsed) return undefined;
    return endHold(tx, id, 'expired');
  });
}

/** Ids of held reservations past their expiry, oldest first. */
export async function lapsedReservationIds(db: Db, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('reservations')
    .select('id')
    .where('status', '=', 'held')
    .where(sql<boolean>`expires_at <= clock_timestamp()`)
    .orderBy('expires_at')
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}

async function endHold(tx: Tx, id: string, reason: 'requested' | 'expired') {
  for (const part of await closeOpenLines(tx, id)) {
    if (part.warehouse_code === null) {
      await tx.updateTable('skus').set({ backorder_held: sql`backorder_held - ${part.quantity}` }).where('sku', '=', part.sku).execute();
    } else {
      await unholdStock(tx, part.sku, part.warehouse_code, part.quantity);
    }
  }
  await tx
    .updateTable('reservations')
    .set({ status: reason === 'expired' ? 'expired' : 'released', closed_at: new Date() })
    .where('id', '=', id)
    .execute();
  return { type: reservationReleased.type, extra: { reason } };
}

async function closeOpenLines(tx: Tx, id: string) {
  return tx
    .updateTable('reservation_lines')
    .set({ open: false })
    .where('reservation_id', '=', id)
    .where('open', '=', true)
    .returning(['sku', 'warehouse_code', 'quantity'])
    .execute();
}

interface LockedReservation {
  status: ReservationStatus;
  reference: string | null;
  expiresAt: Date;
  lapsed: boolean;
}

/**
 * Runs a state change of one reservation with its SKUs locked first (the same order reservations
 * take), then the reservation row; publishes the returned event and the SKUs' stock levels.
 * A change that returns undefined changed nothing (an idempotent repeat).
 */
async function withReservationLocked(
  ctx: InventoryContext,
  id: string,
  change: (tx: Tx, current: LockedReservation) => Promise<{ type: string; extra?: Record<string, unknown> } | undefined>,
): Promise<Reservation> {
  return ctx.db.transaction().execute(async (tx) => {
    const lines = await tx.selectFrom('reservation_lines').select('sku').distinct().where('reservation_id', '=', id).execute();
    const skus = lines.map((line) => line.sku).sort();
    await lockSkus(tx, skus, { knownOnly: false });
    const row = await tx
      .selectFrom('reservations')
      .select(['status', 'reference', 'expires_at', sql<boolean>`expires_at <= clock_timestamp()`.as('lapsed')])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw problem(inventoryErrors.reservationNotFound, `No reservation ${id}`);
    const event = await change(tx, { status: row.status, reference: row.reference, expiresAt: row.expires_at, lapsed: row.lapsed });
    const reservation = (await findReservation(tx, id))!;
    if (event) {
      await ctx.events.publish(tx, { type: event.type, subject: id, data: { ...eventData(reservation), ...event.extra } });
      await publishStockChanged(ctx, tx, skus);
    }
    return reservation;
  });
}

function eventData(reservation: Reservation) {
  return {
    id: reservation.id,
    reference: reservation.reference,
    expiresAt: reservation.expiresAt,
    lines: reservation.lines.map(({ sku, quantity, backordered }) => ({ sku, quantity, backordered })),
  };
}
