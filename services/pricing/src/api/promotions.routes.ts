import { etag, expectedVersion, IfMatchHeaders, type ServiceApp, staleVersion } from '@mercato/kit';
import { Type } from '@sinclair/typebox';
import { PRICING_MANAGERS } from '../domain/access.ts';
import type { PricingContext } from '../store/context.ts';
import { createPromotion, deletePromotion, findPromotion, listPromotions, promotionNotFound, updatePromotion } from '../store/promotions.store.ts';
import { PromotionInput, PromotionParams, PromotionPatch, PromotionQuery, PromotionState } from './promotion.schemas.ts';
import { Page } from './schemas.ts';

const tags = ['promotions'];

/** Staff CRUD of promotions (ETag/If-Match); see docs/reference/money-and-tax.md, "Promotions". */
export function promotionRoutes(app: ServiceApp, ctx: PricingContext): void {
  app.get(
    '/api/pricing/promotions',
    { config: { access: PRICING_MANAGERS }, schema: { tags, summary: 'List promotions', querystring: PromotionQuery, response: { 200: Page(PromotionState) } } },
    async (request) => listPromotions(ctx.db, request.query),
  );

  app.post(
    '/api/pricing/promotions',
    {
      config: { access: PRICING_MANAGERS, idempotent: true },
      schema: {
        tags,
        summary: 'Create a promotion',
        description: 'Conditions, one action, priority and stacking; a definition that is not consistent is a 422 naming each field, and nothing is stored.',
        body: PromotionInput,
        response: { 201: PromotionState },
      },
    },
    async (request, reply) => {
      const promotion = await createPromotion(ctx, request.body);
      return reply.code(201).header('location', `/api/pricing/promotions/${promotion.id}`).header('etag', etag(promotion.version)).send(promotion);
    },
  );

  app.get(
    '/api/pricing/promotions/:id',
    { config: { access: PRICING_MANAGERS }, schema: { tags, summary: 'Get a promotion', params: PromotionParams, response: { 200: PromotionState } } },
    async (request, reply) => {
      const promotion = await findPromotion(ctx.db, request.params.id);
      if (!promotion) throw promotionNotFound(request.params.id);
      reply.header('etag', etag(promotion.version));
      return promotion;
    },
  );

  app.patch(
    '/api/pricing/promotions/:id',
    {
      config: { access: PRICING_MANAGERS },
      schema: { tags, summary: 'Change a promotion (If-Match required)', params: PromotionParams, headers: IfMatchHeaders, body: PromotionPatch, response: { 200: PromotionState } },
    },
    async (request, reply) => {
      const result = await updatePromotion(ctx, request.params.id, expectedVersion(request.headers['if-match'], true), request.body);
      if (!result) throw promotionNotFound(request.params.id);
      if (result === 'stale') throw staleVersion('promotion');
      reply.header('etag', etag(result.version));
      return result;
    },
  );

  app.delete(
    '/api/pricing/promotions/:id',
    {
      config: { access: PRICING_MANAGERS },
      schema: { tags, summary: 'Delete a promotion with its coupons (If-Match optional)', params: PromotionParams, headers: IfMatchHeaders, response: { 204: Type.Null() } },
    },
    async (request, reply) => {
      const result = await deletePromotion(ctx, request.params.id, expectedVersion(request.headers['if-match'], false));
      if (!result) throw promotionNotFound(request.params.id);
      if (result === 'stale') throw staleVersion('promotion');
      return reply.code(204).send(null);
    },
  );
}
