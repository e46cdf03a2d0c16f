import type { ServiceApp } from '@mercato/kit';
import { INVENTORY_STAFF } from '../domain/access.ts';
import { adjustStock } from '../store/adjustments.store.ts';
import type { InventoryContext } from '../store/context.ts';
import { listMovements } from '../store/movements.store.ts';
import { actorOf } from './actor.ts';
import { AdjustmentInput, Movement, MovementQuery, Page } from './schemas.ts';

const tags = ['adjustments'];

/** Stock adjustments (staff) and the movements audit trail they write. */
export function adjustmentRoutes(app: ServiceApp, ctx: InventoryContext): void {
  app.post(
    '/api/inventory/adjustments',
    {
      config: { access: INVENTORY_STAFF, idempotent: true },
      schema: { tags, summary: 'Adjust the stock of a SKU in a warehouse (receive, return, damage, loss, count)', body: AdjustmentInput, response: { 201: Movement } },
    },
    async (request, reply) => reply.code(201).send(await adjustStock(ctx, request.body, actorOf(request))),
  );

  app.get(
    '/api/inventory/movements',
    { config: { access: INVENTORY_STAFF }, schema: { tags, summary: 'The audit trail of stock changes, newest first', querystring: MovementQuery, response: { 200: Page(Movement) } } },
    async (request) => listMovements(ctx.db, request.query),
  );
}
