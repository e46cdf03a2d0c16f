import { etag, expectedVersion, IfMatchHeaders, problem, type ServiceApp, staleVersion } from '@mercato/kit';
import { Type } from '@sinclair/typebox';
import { PRICING_MANAGERS } from '../domain/access.ts';
import { pricingErrors } from '../errors.ts';
import type { PricingContext } from '../store/context.ts';
import { createPriceList, deletePriceList, findPriceList, listPriceLists, notFound, updatePriceList } from '../store/price-lists.store.ts';
import { deleteSkuPrices, listPrices, upsertPrices } from '../store/prices.store.ts';
import { BulkPricesInput, Page, PageQuery, PriceList, PriceListInput, PriceListParams, PriceListPatch, PriceListQuery, SkuParams, SkuPrices } from './schemas.ts';

const tags = ['price lists'];

/** Staff CRUD of price lists (ETag/If-Match) and bulk upsert of their prices. */
export function priceListRoutes(app: ServiceApp, ctx: PricingContext): void {
  app.get(
    '/api/pricing/price-lists',
    { config: { access: PRICING_MANAGERS }, schema: { tags, summary: 'List price lists', querystring: PriceListQuery, response: { 200: Page(PriceList) } } },
    async (request) => listPriceLists(ctx.db, request.query),
  );

  app.post(
    '/api/pricing/price-lists',
    { config: { access: PRICING_MANAGERS, idempotent: true }, schema: { tags, summary: 'Create a price list', body: PriceListInput, response: { 201: PriceList } } },
    async (request, reply) => {
      const list = await createPriceList(ctx, request.body);
      return reply.code(201).header('location', `/api/pricing/price-lists/${list.id}`).header('etag', etag(list.version)).send(list);
    },
  );

  app.get(
    '/api/pricing/price-lists/:id',
    { config: { access: PRICING_MANAGERS }, schema: { tags, summary: 'Get a price list', params: PriceListParams, response: { 200: PriceList } } },
    async (request, reply) => {
      const list = await findPriceList(ctx.db, request.params.id);
      if (!list) throw notFound(request.params.id);
      reply.header('etag', etag(list.version));
      return list;
    },
  );

  app.patch(
    '/api/pricing/price-lists/:id',
    {
      config: { access: PRICING_MANAGERS },
      schema: { tags, summary: 'Change a price list (If-Match required)', params: PriceListParams, headers: IfMatchHeaders, body: PriceListPatch, response: { 200: PriceList } },
    },
    async (request, reply) => {
      const expected = expectedVersion(request.headers['if-match'], true);
      const result = await updatePriceList(ctx, request.params.id, expected, request.body);
      if (!result) throw notFound(request.params.id);
      if (result === 'stale') throw staleVersion('price list');
      reply.header('etag', etag(result.version));
      return result;
    },
  );

  app.delete(
    '/api/pricing/price-lists/:id',
    {
      config: { access: PRICING_MANAGERS },
      schema: { tags, summary: 'Delete a price list and its prices (If-Match optional)', params: PriceListParams, headers: IfMatchHeaders, response: { 204: Type.Null() } },
    },
    async (request, reply) => {
      const result = await deletePriceList(ctx, request.params.id, expectedVersion(request.headers['if-match'], false));
      if (!result) throw notFound(request.params.id);
      if (result === 'stale') throw staleVersion('price list');
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/pricing/price-lists/:id/prices',
    { config: { access: PRICING_MANAGERS }, schema: { tags, summary: "A list's prices, per SKU", params: PriceListParams, querystring: PageQuery, response: { 200: Page(SkuPrices) } } },
    async (request) => {
      if (!(await findPriceList(ctx.db, request.params.id))) throw notFound(request.params.id);
      return listPrices(ctx.db, request.params.id, request.query);
    },
  );

  app.put(
    '/api/pricing/price-lists/:id/prices',
    {
      config: { access: PRICING_MANAGERS },
      schema: {
        tags,
        summary: "Bulk upsert: replaces each named SKU's tiers in the list",
        params: PriceListParams,
        body: BulkPricesInput,
        response: { 200: Type.Object({ upserted: Type.Integer() }) },
      },
    },
    async (request) => {
      const result = await upsertPrices(ctx, request.params.id, request.body.items);
      if (!result) throw notFound(request.params.id);
      return result;
    },
  );

  app.delete(
    '/api/pricing/price-lists/:id/prices/:sku',
    { config: { access: PRICING_MANAGERS }, schema: { tags, summary: 'Remove a SKU from a list', params: SkuParams, response: { 204: Type.Null() } } },
    async (request, reply) => {
      if (!(await deleteSkuPrices(ctx, request.params.id, request.params.sku))) {
        throw problem(pricingErrors.priceListNotFound, `Price list ${request.params.id} has no prices for ${request.params.sku}`);
      }
      return reply.code(204).send(null);
    },
  );
}
