import type { ServiceApp } from '@mercato/kit';
import { Type } from '@sinclair/typebox';
import { PRICING_MANAGERS } from '../domain/access.ts';
import type { PricingContext } from '../store/context.ts';
import { listCurrencies, putCurrency } from '../store/currencies.store.ts';
import { Currency, CurrencyInput, CurrencyParams } from './schemas.ts';

const tags = ['currencies'];

/** The currencies the shop sells in (ISO 4217) and whether their prices are entered gross or net. */
export function currencyRoutes(app: ServiceApp, ctx: PricingContext): void {
  app.get(
    '/api/pricing/currencies',
    { config: { access: 'public' }, schema: { tags, summary: 'List enabled currencies', response: { 200: Type.Object({ items: Type.Array(Currency) }) } } },
    async () => ({ items: await listCurrencies(ctx.db) }),
  );

  app.put(
    '/api/pricing/currencies/:code',
    {
      config: { access: PRICING_MANAGERS },
      schema: { tags, summary: 'Enable a currency or change its tax mode', params: CurrencyParams, body: CurrencyInput, response: { 200: Currency, 201: Currency } },
    },
    async (request, reply) => {
      const { currency, created } = await putCurrency(ctx.db, request.params.code, request.body.taxMode);
      return reply.code(created ? 201 : 200).send(currency);
    },
  );
}
