import { problem, type ServiceApp } from '@mercato/kit';
import { RESERVERS } from '../domain/access.ts';
import { assertDistinctSkus } from '../domain/reservation-lines.ts';
import { inventoryErrors } from '../errors.ts';
import type { InventoryContext } from '../store/context.ts';
import { commitReservation, findReservation, releaseReservation, reserve } from '../store/reservations.store.ts';
import { actorOf } from './actor.ts';
import { Reservation, ReservationInput, ReservationParams } from './schemas.ts';

const tags = ['reservations'];

/** Holding stock for a cart, then committing it (order placed) or releasing it (compensation). */
export function reservationRoutes(app: ServiceApp, ctx: InventoryContext): void {
  app.post(
    '/api/inventory/reservations',
    {
      config: { access: RESERVERS, idempotent: true },
      schema: { tags, summary: 'Hold every line of a cart, or nothing (409 insufficient-stock)', body: ReservationInput, response: { 201: Reservation } },
    },
    async (request, reply) => {
      assertDistinctSkus(request.body.lines);
      const reservation = await reserve(ctx, request.body, actorOf(request));
      return reply.code(201).header('location', `/api/inventory/reservations/${reservation.id}`).send(reservation);
    },
  );

  app.get(
    '/api/inventory/reservations/:id',
    { config: { access: RESERVERS }, schema: { tags, summary: 'Get a reservation', params: ReservationParams, response: { 200: Reservation } } },
    async (request) => {
      const reservation = await findReservation(ctx.db, request.params.id);
      if (!reservation) throw problem(inventoryErrors.reservationNotFound, `No reservation ${request.params.id}`);
      return reservation;
    },
  );

  app.post(
    '/api/inventory/reservations/:id/commit',
    {
      config: { access: RESERVERS },
      schema: { tags, summary: 'Commit a reservation: the order was placed (repeatable)', params: ReservationParams, response: { 200: Reservation } },
    },
    async (request) => commitReservation(ctx, request.params.id, actorOf(request)),
  );

  app.post(
    '/api/inventory/reservations/:id/release',
    {
      config: { access: RESERVERS },
      schema: { tags, summary: 'Release a reservation: the units are free again (repeatable)', params: ReservationParams, response: { 200: Reservation } },
    },
    async (request) => releaseReservation(ctx, request.params.id),
  );
}
