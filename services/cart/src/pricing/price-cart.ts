import { fieldProblem, type ServiceClient } from '@mercato/kit';
import type { CouponOutcome, PricedCart, PricedLine, StoredLine } from '../domain/cart.ts';
import { couponOutcomes, pendingCoupons, type QuotedCoupon, type QuotedDiscount } from '../domain/coupons.ts';
import { couponsNamedBy, renamePointers, type Focus } from './focus.ts';
import { pricingProblems } from './pricing-problems.ts';

/** What pricing needs to price a cart. */
export interface PricingInput {
  currency: string;
  channel: 'web' | 'mobile';
  /** The owner of a customer cart (their groups and contracts apply); null prices as a guest. */
  accountId: string | null;
  shipping: { country: string; method: string } | null;
  /** Digits of the currency's minor unit, learnt when the cart was created. */
  minorUnits: number;
  /** Known from the last pricing (or the currency at creation); an empty cart shows it. */
  taxMode: 'gross' | 'net';
  lines: readonly StoredLine[];
  coupons: readonly string[];
}

interface Source {
  listId: string;
  listCode: string;
  kind: string;
  validTo: string | null;
}
interface QuoteAnswer {
  minorUnits: number;
  taxMode: 'gross' | 'net';
  lines: Array<{ sku: string; quantity: number; unitPrice: number; lineTotal: number; discount: number; tax: { amount: number }; source: Source }>;
  discounts: QuotedDiscount[];
  coupons?: QuotedCoupon[];
  subtotal: number;
  discountTotal: number;
  shipping: { amount: number };
  taxTotal: number;
  grandTotal: number;
}
interface ResolveAnswer {
  taxMode: 'gross' | 'net';
  items: Array<{ sku: string; quantity: number; unitPrice: number | null; noPrice: 'unknown-sku' | 'no-applicable-price' | null; source: Source | null }>;
}

const priceListOf = (source: Source): PricedLine['priceList'] => ({ id: source.listId, code: source.listCode, kind: source.kind, validTo: source.validTo });

/**
 * Prices a cart with one call to pricing: the quote (prices, promotions, tax, shipping) when the
 * cart has a shipping destination, else batch resolution (prices only; tax and shipping unknown,
 * coupons pending). A 4xx from pricing reaches the caller with the request's field names.
 *
 * A coupon that no longer applies must not lock the customer out of their cart: when the quote
 * refuses coupons the request did not add, they are marked rejected and the quote is asked again
 * without them (`dropped`).
 */
export async function priceCart(pricing: ServiceClient, input: PricingInput, focus: Focus = {}): Promise<{ priced: PricedCart; dropped: CouponOutcome[] }> {
  const pricedAt = new Date().toISOString();
  if (input.lines.length === 0) {
    const priced: PricedCart = {
      minorUnits: input.minorUnits, taxMode: input.taxMode, lines: [], discounts: [], coupons: input.shipping ? [] : pendingCoupons(input.coupons),
      subtotal: 0, discountTotal: 0, taxTotal: input.shipping ? 0 : null, shippingTotal: input.shipping ? 0 : null, grandTotal: 0, pricedAt,
    };
    if (input.shipping) priced.coupons = pendingCoupons(input.coupons, 'checked once the cart has lines');
    return { priced, dropped: [] };
  }
  const account = input.accountId ? { accountId: input.accountId } : {};
  const lines = input.lines.map(({ sku, quantity }) => ({ sku, quantity }));
  if (!input.shipping) {
    const answer = await call(() =>
      pricing.json<ResolveAnswer>('/api/pricing/prices/resolve', { method: 'POST', body: { items: lines, currency: input.currency, channel: input.channel, ...account } }), lines, input.coupons, focus);
    return { priced: fromResolution(answer, input, focus, pricedAt), dropped: [] };
  }

  let coupons = [...input.coupons];
  const dropped: CouponOutcome[] = [];
  for (;;) {
    const body = { lines, currency: input.currency, channel: input.channel, ...account, shipping: input.shipping, ...(coupons.length > 0 ? { coupons } : {}) };
    try {
      const quote = await pricing.json<QuoteAnswer>('/api/pricing/quotes', { method: 'POST', body });
      return { priced: fromQuote(quote, coupons, dropped, pricedAt), dropped };
    } catch (error) {
      const refused = couponsNamedBy(error).map((i) => coupons[i]!).filter((code) => code !== focus.coupon);
      if (refused.length === 0) throw renamePointers(error, lines, coupons, focus);
      for (const code of refused) dropped.push({ code, status: 'rejected', amount: 0, reason: (error as Error).message });
      coupons = coupons.filter((code) => !refused.includes(code));
    }
  }
}

async function call<T>(send: () => Promise<T>, lines: ReadonlyArray<{ sku: string }>, coupons: readonly string[], focus: Focus): Promise<T> {
  try {
    return await send();
  } catch (error) {
    throw renamePointers(error, lines, coupons, focus);
  }
}

function fromQuote(quote: QuoteAnswer, coupons: readonly string[], dropped: CouponOutcome[], pricedAt: string): PricedCart {
  return {
    minorUnits: quote.minorUnits,
    taxMode: quote.taxMode,
    lines: quote.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, unitPrice: l.unitPrice, lineTotal: l.lineTotal, discount: l.discount, tax: l.tax.amount, priceList: priceListOf(l.source) })),
    discounts: quote.discounts ?? [],
    coupons: [...couponOutcomes(coupons, quote.coupons ?? [], quote.discounts ?? []), ...dropped],
    subtotal: quote.subtotal,
    discountTotal: quote.discountTotal,
    taxTotal: quote.taxTotal,
    shippingTotal: quote.shipping.amount,
    grandTotal: quote.grandTotal,
    pricedAt,
  };
}

/** Prices without a destination: unknown and unpriced SKUs are refused like the quote refuses them. */
function fromResolution(answer: ResolveAnswer, input: PricingInput, focus: Focus, pricedAt: string): PricedCart {
  const pointer = (i: number) => (answer.items[i]!.sku === focus.sku ? 'body/sku' : `cart/lines/${i}/sku`);
  const unknown = answer.items.flatMap((item, i) => (item.noPrice === 'unknown-sku' ? [{ pointer: pointer(i), detail: `the catalog has no SKU ${item.sku}`, sku: item.sku }] : []));
  if (unknown.length > 0) throw fieldProblem(pricingProblems.unknownSku, unknown);
  const unpriced = answer.items.flatMap((item, i) => (item.noPrice ? [{ pointer: pointer(i), detail: `no price for ${item.sku} in ${input.currency}`, sku: item.sku }] : []));
  if (unpriced.length > 0) throw fieldProblem(pricingProblems.unpricedSku, unpriced);
  const lines = answer.items.map((item) => ({
    sku: item.sku, quantity: item.quantity, unitPrice: item.unitPrice!, lineTotal: item.unitPrice! * item.quantity, discount: 0, tax: null, priceList: priceListOf(item.source!),
  }));
  const subtotal = lines.reduce((sum, l) => sum + l.lineTotal, 0);
  return {
    minorUnits: input.minorUnits, taxMode: answer.taxMode, lines, discounts: [], coupons: pendingCoupons(input.coupons),
    subtotal, discountTotal: 0, taxTotal: null, shippingTotal: null, grandTotal: subtotal, pricedAt,
  };
}
