import { problem, type ServiceApp } from '@mercato/kit';
import { Type } from '@sinclair/typebox';
import { PRICING_MANAGERS } from '../domain/access.ts';
import { pricingErrors } from '../errors.ts';
import type { PricingContext } from '../store/context.ts';
import { deleteShippingMethod, findShippingMethod, listShippingMethods, putShippingMethod } from '../store/shipping.store.ts';
import { CodeParams, ShippingMethod, ShippingMethodInput } from './schemas.ts';

const tags = ['shipping'];
const notFound = (code: string) => problem(pricingErrors.shippingMethodNotFound, `No shipping method ${code}`);

/** Shipping methods with their rates per zone and currency (flat, weight bands, free over a threshold). */
export function shippingRoutes(app: ServiceApp, ctx: PricingContext): void {
  app.get(
    '/api/pricing/shipping-methods',
    { config: { access: 'public' }, schema: { tags, summary: 'List shipping methods and rates', response: { 200: Type.Object({ items: Type.Array(ShippingMethod) }) } } },
    async () => ({ items: await listShippingMethods(ctx.db) }),
  );
  app.get(
    '/api/pricing/shipping-methods/:code',
    { config: { access: 'public' }, schema: { tags, summary: 'Get a shipping method', params: CodeParams, response: { 200: ShippingMethod } } },
    async (request) => (await findShippingMethod(ctx.db, request.params.code)) ?? Promise.reject(notFound(request.params.code)),
  );
  app.put(
    '/api/pricing/shipping-methods/:code',
    {
      config: { access: PRICING_MANAGERS },
      schema: { tags, summary: 'Create or replace a shipping method with all its rates', params: CodeParams, body: ShippingMethodInput, response: { 200: ShippingMethod, 201: ShippingMethod } },
    },
    async (request, reply) => {
      const { method, created } = await putShippingMethod(ctx.db, request.params.code, request.body);
      return reply.code(created ? 201 : 200).send(method);
    },
  );
  app.delete(
    '/api/pricing/shipping-methods/:code',
    { config: { access: PRICING_MANAGERS }, schema: { tags, summary: 'Delete a shipping method', params: CodeParams, response: { 204: Type.Null() } } },
    async (request, reply) => {
      if (!(await deleteShippingMethod(ctx.db, request.params.code))) throw notFound(request.params.code);
      return reply.code(204).send(null);
    },
  );
}
