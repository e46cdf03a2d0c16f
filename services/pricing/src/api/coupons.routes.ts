import { problem, type ServiceApp } from '@mercato/kit';
import { Type } from '@sinclair/typebox';
import { PRICING_MANAGERS, REDEEMERS } from '../domain/access.ts';
import type { PricingContext } from '../store/context.ts';
import { createCoupons, listCoupons } from '../store/coupons.store.ts';
import { findPromotion, promotionNotFound } from '../store/promotions.store.ts';
import { commitRedemption, findRedemption, redeem, releaseRedemption } from '../store/redemptions.store.ts';
import { pricingErrors } from '../errors.ts';
import { Coupon, CouponsInput, PromotionParams, Redemption, RedemptionInput, RedemptionParams } from './promotion.schemas.ts';
import { Page, PageQuery } from './schemas.ts';

const tags = ['coupons'];

/** Coupon codes of a promotion (staff), and redeeming them at checkout (reserve, commit, release). */
export function couponRoutes(app: ServiceApp, ctx: PricingContext): void {
  app.get(
    '/api/pricing/promotions/:id/coupons',
    { config: { access: PRICING_MANAGERS }, schema: { tags, summary: "A promotion's coupon codes with their uses", params: PromotionParams, querystring: PageQuery, response: { 200: Page(Coupon) } } },
    async (request) => {
      if (!(await findPromotion(ctx.db, request.params.id))) throw promotionNotFound(request.params.id);
      return listCoupons(ctx.db, request.params.id, request.query);
    },
  );

  app.post(
    '/api/pricing/promotions/:id/coupons',
    {
      config: { access: PRICING_MANAGERS, idempotent: true },
      schema: {
        tags,
        summary: 'Add coupon codes (given and/or generated) to a promotion with a coupon condition',
        params: PromotionParams,
        body: CouponsInput,
        response: { 201: Type.Object({ items: Type.Array(Coupon) }) },
      },
    },
    async (request, reply) => reply.code(201).send({ items: await createCoupons(ctx.db, request.params.id, request.body) }),
  );

  app.post(
    '/api/pricing/coupons/redemptions',
    {
      config: { access: REDEEMERS, idempotent: true },
      schema: {
        tags,
        summary: 'Reserve one use of a coupon for an order or cart',
        description: 'Atomic under concurrency: 409 `coupon-exhausted` when no use is left, 409 `coupon-customer-limit-reached` past the per-customer limit; 422 when the code is unknown, not started, expired or inactive.',
        body: RedemptionInput,
        response: { 201: Redemption },
      },
    },
    async (request, reply) => {
      const redemption = await redeem(ctx.db, request.body);
      return reply.code(201).header('location', `/api/pricing/coupons/redemptions/${redemption.id}`).send(redemption);
    },
  );

  app.get(
    '/api/pricing/coupons/redemptions/:id',
    { config: { access: REDEEMERS }, schema: { tags, summary: 'Get a redemption', params: RedemptionParams, response: { 200: Redemption } } },
    async (request) => (await findRedemption(ctx.db, request.params.id)) ?? Promise.reject(problem(pricingErrors.redemptionNotFound, `No redemption ${request.params.id}`)),
  );

  app.post(
    '/api/pricing/coupons/redemptions/:id/commit',
    { config: { access: REDEEMERS }, schema: { tags, summary: 'Commit a redemption: the order was placed (repeatable)', params: RedemptionParams, response: { 200: Redemption } } },
    async (request) => commitRedemption(ctx.db, request.params.id),
  );

  app.post(
    '/api/pricing/coupons/redemptions/:id/release',
    {
      config: { access: REDEEMERS },
      schema: { tags, summary: 'Release a redemption: the use goes back to the coupon and the customer (repeatable)', params: RedemptionParams, response: { 200: Redemption } },
    },
    async (request) => releaseRedemption(ctx.db, request.params.id),
  );
}
