import type { ServiceApp } from '@mercato/kit';
import { indexSyncFor } from '../index/index-sync.ts';
import type { PricingContext } from '../store/context.ts';
import { buildQuote } from '../usecases/build-quote.ts';
import { resolvePrices } from '../usecases/resolve-prices.ts';
import { Quote, QuoteInput, ResolveInput, ResolveResult } from './schemas.ts';

const tags = ['prices'];

/**
 * Batch price resolution and quotes: public (a guest gets base prices; a customer's token brings
 * their groups and company); services, staff and `pricing:quote` clients may name an account.
 */
export function resolutionRoutes(app: ServiceApp, ctx: PricingContext): void {
  const sync = indexSyncFor(ctx.db, ctx.log);

  app.post(
    '/api/pricing/prices/resolve',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Resolve the unit price of many SKUs for one customer, currency, channel and time',
        description: 'Per SKU the winning price and why, or `noPrice` (`unknown-sku` or `no-applicable-price`). See docs/reference/money-and-tax.md.',
        body: ResolveInput,
        response: { 200: ResolveResult },
      },
    },
    async (request) => {
      const { items, ...context } = request.body;
      if (!sync.loaded) await sync.ready;
      return resolvePrices(sync.index, request, { ...context, lines: items });
    },
  );

  app.post(
    '/api/pricing/quotes',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Quote a cart: prices, discounts, tax and shipping',
        description: 'Every line must have a price (422 naming the line otherwise). Nothing is stored.',
        body: QuoteInput,
        response: { 200: Quote },
      },
    },
    async (request) => {
      if (!sync.loaded) await sync.ready;
      return buildQuote(ctx.db, sync.index, request, request.body);
    },
  );
}
