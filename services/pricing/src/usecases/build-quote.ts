import { type FieldError, fieldProblem } from '@mercato/kit';
import type { Quote, QuoteInput } from '../api/schemas.ts';
import { shippingCost } from '../domain/shipping.ts';
import { taxClassFor } from '../domain/tax-class.ts';
import { computeTotals, type TotalsInput } from '../domain/totals.ts';
import { pricingErrors } from '../errors.ts';
import type { PriceIndex } from '../index/price-index.ts';
import type { Db } from '../store/context.ts';
import { minorUnitsOf } from '../domain/currencies.ts';
import { settleShipping } from '../domain/promotions/apply.ts';
import type { CartLine } from '../domain/promotions/cart.ts';
import { couponFacts } from '../store/coupons.store.ts';
import { shippingRateFor } from '../store/shipping.store.ts';
import { defaultTaxClass, skuFacts, zoneOfCountry } from '../store/taxes.store.ts';
import { needsOrderHistory, quotePromotions } from './quote-promotions.ts';
import { resolvePrices, type Caller } from './resolve-prices.ts';

/** The totals, or a 422 when an amount would leave the range of exact integers (2^53). */
function totalsOrProblem(input: TotalsInput) {
  try {
    return computeTotals(input);
  } catch (error) {
    if (error instanceof RangeError) throw fieldProblem(pricingErrors.amountTooLarge, [{ pointer: 'body/lines', detail: error.message }]);
    throw error;
  }
}

/**
 * A quote for a cart: every line priced (a line without a price is a 422 naming it), promotions
 * applied (each explained; each entered coupon applied or said why not), taxed by the shipping
 * country's zone and the SKU's class, plus shipping; the arithmetic is `domain/totals.ts`.
 */
export async function buildQuote(db: Db, index: PriceIndex, caller: Caller, input: QuoteInput): Promise<Quote> {
  const priced = resolvePrices(index, caller, input, 'lines');
  const unpriced = priced.items.flatMap((item, i) => (item.noPrice ? [{ i, item }] : []));
  const unknown = unpriced.filter((u) => u.item.noPrice === 'unknown-sku');
  if (unknown.length > 0) {
    throw fieldProblem(pricingErrors.unknownSku, unknown.map(({ i, item }) => ({ pointer: `body/lines/${i}/sku`, detail: `the catalog has no SKU ${item.sku}`, sku: item.sku })));
  }
  if (unpriced.length > 0) {
    throw fieldProblem(pricingErrors.unpricedSku, unpriced.map(({ i, item }) => ({ pointer: `body/lines/${i}/sku`, detail: `no price for ${item.sku} in ${priced.currency}`, sku: item.sku })));
  }

  const country = input.shipping.country;
  const entered = input.coupons ?? [];
  const accountId = priced.customer.accountId;
  const [zone, fallbackClass, facts, coupons] = await Promise.all([
    zoneOfCountry(db, country),
    defaultTaxClass(db),
    skuFacts(db, input.lines.map((l) => l.sku)),
    couponFacts(db, entered, accountId !== null && (entered.length > 0 || needsOrderHistory(index)) ? accountId : null, input.reference),
  ]);
  if (!zone) throw fieldProblem(pricingErrors.unsupportedCountry, [{ pointer: 'body/shipping/country', detail: `no tax zone covers ${country}` }]);
  if (!fallbackClass) throw fieldProblem(pricingErrors.noDefaultTaxClass, [{ pointer: 'body/lines', detail: 'configure a default tax class' }]);

  const missingRates: FieldError[] = [];
  const rateOf = (taxClass: string, pointer: string) => {
    const rate = zone.rates.get(taxClass);
    if (rate === undefined) missingRates.push({ pointer, detail: `no ${taxClass} rate in zone ${zone.zone}`, taxClass, zone: zone.zone });
    return rate ?? 0;
  };
  const lineTaxes = input.lines.map((line, i) => {
    const fact = facts.skus.get(line.sku);
    const taxClass = taxClassFor(fact?.path ?? null, facts.mappings, fallbackClass);
    return { taxClass, rateBp: rateOf(taxClass, `body/lines/${i}/sku`) };
  });

  const method = await shippingRateFor(db, input.shipping.method, zone.zone, priced.currency);
  if (!method?.rate) {
    const why = method ? `does not deliver to zone ${zone.zone} in ${priced.currency}` : 'is not an active shipping method';
    throw fieldProblem(pricingErrors.shippingUnavailable, [{ pointer: 'body/shipping/method', detail: `${input.shipping.method} ${why}` }]);
  }
  const shippingClass = method.taxClass ?? fallbackClass;
  const shippingRateBp = rateOf(shippingClass, 'body/shipping/method');
  if (missingRates.length > 0) throw fieldProblem(pricingErrors.missingTaxRate, missingRates);

  const cart: CartLine[] = priced.items.map((item) => {
    const fact = facts.skus.get(item.sku);
    return { sku: item.sku, quantity: item.quantity, unitPrice: item.unitPrice!, categoryPath: fact?.path ?? null, brandId: fact?.brandId ?? null };
  });
  const shopper = { currency: priced.currency, at: Date.parse(priced.at), groups: priced.customer.groups, accountId };
  const promotions = quotePromotions(index, cart, shopper, entered, coupons);
  const discounts = promotions.outcome.lineDiscounts;
  let weightGrams = 0;
  if (method.rate.kind === 'weight') {
    const unknownWeights = input.lines.flatMap((line, i) =>
      facts.skus.get(line.sku)?.weightGrams == null ? [{ pointer: `body/lines/${i}/sku`, detail: `the catalog has no weight for ${line.sku}`, sku: line.sku }] : [],
    );
    if (unknownWeights.length > 0) throw fieldProblem(pricingErrors.unknownWeight, unknownWeights);
  }
  for (const line of input.lines) weightGrams += (facts.skus.get(line.sku)?.weightGrams ?? 0) * line.quantity;
  const goodsSubtotal = priced.items.reduce((sum, item, i) => sum + item.unitPrice! * item.quantity - discounts[i]!, 0);
  const cost = shippingCost(method.rate, { weightGrams, goodsSubtotal });
  if ('tooHeavy' in cost) {
    throw fieldProblem(pricingErrors.shippingUnavailable, [{ pointer: 'body/shipping/method', detail: `the shipment weighs ${weightGrams} g, over the method's ${cost.maxGrams} g` }]);
  }
  const shippingDiscount = settleShipping(promotions.outcome, cost.amount);

  const totals = totalsOrProblem({
    taxMode: priced.taxMode,
    lines: priced.items.map((item, i) => ({ unitPrice: item.unitPrice!, quantity: item.quantity, discount: discounts[i]!, taxClass: lineTaxes[i]!.taxClass, taxRateBp: lineTaxes[i]!.rateBp })),
    shipping: { amount: cost.amount, discount: shippingDiscount, taxClass: shippingClass, taxRateBp: shippingRateBp },
  });

  return {
    currency: priced.currency,
    minorUnits: minorUnitsOf(priced.currency)!,
    taxMode: priced.taxMode,
    channel: priced.channel,
    at: priced.at,
    customer: priced.customer,
    taxZone: zone.zone,
    lines: priced.items.map((item, i) => ({
      sku: item.sku,
      quantity: item.quantity,
      unitPrice: item.unitPrice!,
      lineTotal: totals.lines[i]!.lineTotal,
      discount: totals.lines[i]!.discount,
      tax: { taxClass: lineTaxes[i]!.taxClass, rateBp: lineTaxes[i]!.rateBp, amount: totals.lines[i]!.tax },
      source: item.source!,
    })),
    subtotal: totals.subtotal,
    discounts: promotions.outcome.applied,
    coupons: promotions.coupons,
    discountTotal: totals.discountTotal,
    shipping: {
      method: input.shipping.method,
      amount: cost.amount,
      discount: totals.shipping!.discount,
      free: cost.free || (shippingDiscount > 0 && shippingDiscount === cost.amount),
      weightGrams,
      tax: { taxClass: shippingClass, rateBp: shippingRateBp, amount: totals.shipping!.tax },
    },
    taxTotal: totals.taxTotal,
    taxBreakdown: totals.taxBreakdown,
    grandTotal: totals.grandTotal,
  };
}
