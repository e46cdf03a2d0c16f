import type { ServiceApp } from '@mercato/kit';
import { INVENTORY_STAFF } from '../domain/access.ts';
import { assertDistinctSkus } from '../domain/reservation-lines.ts';
import { adjustStock, adjustStockBatch } from '../store/adjustments.store.ts';
import type { InventoryContext } from '../store/context.ts';
import { listMovements } from '../store/movements.store.ts';
import { actorOf } from './actor.ts';
import { AdjustmentInput, Movement, MovementQuery, Page, Receipt, ReceiptInput } from './schemas.ts';

const tags = ['adjustments'];

/** Stock adjustments and goods receipts (staff) and the movements audit trail they write. */
export function adjustmentRoutes(app: ServiceApp, ctx: InventoryContext): void {
  app.post(
    '/api/inventory/adjustments',
    {
      config: { access: INVENTORY_STAFF, idempotent: true },
      schema: { tags, summary: 'Adjust the stock of a SKU in a warehouse (receive, return, damage, loss, count)', body: AdjustmentInput, response: { 201: Movement } },
    },
    async (request, reply) => reply.code(201).send(await adjustStock(ctx, request.body, actorOf(request))),
  );

  app.post(
    '/api/inventory/receipts',
    {
      config: { access: INVENTORY_STAFF, idempotent: true },
      schema: {
        tags,
        summary: 'Receive many SKUs into a warehouse at once (a delivery, opening stock): every line or none',
        body: ReceiptInput,
        response: { 201: Receipt },
      },
    },
    async (request, reply) => {
      assertDistinctSkus(request.body.lines);
      const { warehouse, reason } = request.body;
      const lines = request.body.lines.map((line, i) => ({ sku: line.sku, type: 'receive' as const, quantity: line.quantity, at: `body/lines/${i}` }));
      const movements = await adjustStockBatch(ctx, { warehouse, reason, lines }, actorOf(request));
      return reply.code(201).send({ warehouse, reason, movements });
    },
  );

  app.get(
    '/api/inventory/movements',
    { config: { access: INVENTORY_STAFF }, schema: { tags, summary: 'The audit trail of stock changes, newest first', querystring: MovementQuery, response: { 200: Page(Movement) } } },
    async (request) => listMovements(ctx.db, request.query),
  );
}
