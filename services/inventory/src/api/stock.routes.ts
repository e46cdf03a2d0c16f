import { kitErrors, problem, type ServiceApp } from '@mercato/kit';
import { Type } from '@sinclair/typebox';
import { INVENTORY_STAFF } from '../domain/access.ts';
import { publishStockChanged } from '../events/stock-events.ts';
import type { InventoryContext } from '../store/context.ts';
import { lockSkus, setBackorderPolicy } from '../store/skus.store.ts';
import { stockLevels, warehouseStock } from '../store/stock.store.ts';
import { AvailabilityQuery, BackorderPolicyInput, PublicAvailability, SkuParams, SkuStock } from './schemas.ts';

const tags = ['stock'];

/** Public availability of SKUs, and the staff's per-warehouse view and backorder policy. */
export function stockRoutes(app: ServiceApp, ctx: InventoryContext): void {
  app.get(
    '/api/inventory/availability',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Availability of SKUs (totals only; unknown SKUs are unavailable)',
        querystring: AvailabilityQuery,
        response: { 200: Type.Object({ items: Type.Array(PublicAvailability) }) },
      },
    },
    async (request) => {
      const requested = [...new Set(request.query.sku)];
      const levels = new Map((await stockLevels(ctx.db, requested, { knownOnly: true })).map((level) => [level.sku, level]));
      return {
        items: requested.map((sku) => {
          const level = levels.get(sku);
          return { sku, available: level?.available ?? 0, inStock: level?.inStock ?? false, backorderable: level?.backorderable ?? false };
        }),
      };
    },
  );

  app.get(
    '/api/inventory/skus/:sku',
    { config: { access: INVENTORY_STAFF }, schema: { tags, summary: 'Stock of a SKU per warehouse', params: SkuParams, response: { 200: SkuStock } } },
    async (request) => skuStock(ctx, request.params.sku),
  );

  app.put(
    '/api/inventory/skus/:sku/backorder-policy',
    {
      config: { access: INVENTORY_STAFF },
      schema: { tags, summary: "Set a SKU's backorder policy", params: SkuParams, body: BackorderPolicyInput, response: { 200: SkuStock } },
    },
    async (request) => {
      const { sku } = request.params;
      const found = await ctx.db.transaction().execute(async (tx) => {
        await lockSkus(tx, [sku], { knownOnly: true });
        if (!(await setBackorderPolicy(tx, sku, request.body.policy, request.body.limit ?? null))) return false;
        await publishStockChanged(ctx, tx, [sku]);
        return true;
      });
      if (!found) throw problem(kitErrors.notFound, `No SKU ${sku} in the catalog`);
      return skuStock(ctx, sku);
    },
  );
}

async function skuStock(ctx: InventoryContext, sku: string) {
  const [level] = await stockLevels(ctx.db, [sku], { knownOnly: true });
  const policy = await ctx.db
    .selectFrom('skus')
    .select(['backorder_policy', 'backorder_limit', 'backorder_held', 'backorder_owed'])
    .where('sku', '=', sku)
    .executeTakeFirst();
  if (!level || !policy) throw problem(kitErrors.notFound, `No SKU ${sku} in the catalog`);
  return {
    ...level,
    backorder: { policy: policy.backorder_policy, limit: policy.backorder_limit, held: policy.backorder_held, owed: policy.backorder_owed },
    warehouses: await warehouseStock(ctx.db, sku),
  };
}
