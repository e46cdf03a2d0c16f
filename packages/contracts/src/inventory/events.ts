import { Type } from '@sinclair/typebox';
import { defineEvent } from '../event-contract.ts';

const Quantity = Type.Integer({ minimum: 0 });

/**
 * A SKU's stock across the active warehouses after a change (event-carried state: consumers keep
 * the latest per SKU). Expired holds are never counted as reserved.
 */
export const StockLevel = Type.Object({
  sku: Type.String(),
  onHand: Quantity,
  reserved: Quantity,
  available: Type.Integer({ minimum: 0, description: 'On hand minus reserved: what can be sold from stock now' }),
  inStock: Type.Boolean({ description: 'available > 0' }),
  backorderable: Type.Boolean({ description: 'More can be sold than is in stock (backorder policy allows it and its limit is not reached)' }),
});

const ReservationLine = Type.Object({
  sku: Type.String(),
  quantity: Type.Integer({ minimum: 1 }),
  backordered: Type.Integer({ minimum: 0, description: 'The part of the quantity held as a backorder, not from stock' }),
});

/** A reservation as its events carry it. */
export const ReservationState = Type.Object({
  id: Type.String(),
  reference: Type.Union([Type.String(), Type.Null()], { description: "The caller's reference, e.g. a cart or order id" }),
  lines: Type.Array(ReservationLine),
  expiresAt: Type.String({ format: 'date-time' }),
});

/** A SKU's available stock changed (adjustment, reservation, commit, release, expiry, warehouse change). */
export const stockChanged = defineEvent('mercato.inventory.stock.changed.v1', StockLevel);

/** Every line of a cart is held until `expiresAt` (all or nothing). */
export const reservationHeld = defineEvent('mercato.inventory.reservation.held.v1', ReservationState);

/** The order was placed: the held quantities left stock (on hand decreased). */
export const reservationCommitted = defineEvent('mercato.inventory.reservation.committed.v1', ReservationState);

/** The hold ended without an order: released on request (compensation) or because it expired. */
export const reservationReleased = defineEvent(
  'mercato.inventory.reservation.released.v1',
  Type.Composite([ReservationState, Type.Object({ reason: Type.Union([Type.Literal('requested'), Type.Literal('expired')]) })]),
);

/** Every event the inventory publishes. */
export const inventoryEvents = [stockChanged, reservationHeld, reservationCommitted, reservationReleased];
