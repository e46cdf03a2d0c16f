import { fieldProblem, type Principal } from '@mercato/kit';
import type { ResolvedItem, ResolveResult } from '../api/schemas.ts';
import { winningPrice, type PriceCandidate } from '../domain/precedence.ts';
import { pricingErrors } from '../errors.ts';
import { minorUnitsOf } from '../domain/currencies.ts';
import type { PriceIndex } from '../index/price-index.ts';
import { customerContext } from './customer-context.ts';

export interface PricingRequest {
  lines: ReadonlyArray<{ sku: string; quantity: number }>;
  currency: string;
  channel: 'web' | 'mobile';
  at?: string;
  accountId?: string;
}

export interface Caller {
  principal: Principal | null;
  callerService: string | undefined;
}

/** Where a price came from, as the API reports it. */
export function sourceOf(winner: PriceCandidate) {
  return {
    listId: winner.listId,
    listCode: winner.listCode,
    kind: winner.kind,
    priority: winner.priority,
    channel: winner.channel as 'web' | 'mobile' | null,
    tierMinQuantity: winner.minQuantity,
    validFrom: winner.validFrom?.toISOString() ?? null,
    validTo: winner.validTo?.toISOString() ?? null,
  };
}

/** A 400 naming every line whose SKU repeats an earlier line's. */
export function assertDistinctSkus(lines: PricingRequest['lines'], field: string): void {
  const seen = new Set<string>();
  const errors = lines.flatMap((line, i) => {
    const repeated = seen.has(line.sku);
    seen.add(line.sku);
    return repeated ? [{ pointer: `body/${field}/${i}/sku`, detail: `${line.sku} appears on an earlier line` }] : [];
  });
  if (errors.length > 0) throw fieldProblem(pricingErrors.repeatedSku, errors);
}

/** The enabled currency from the index; a 422 naming the field when it is not ISO 4217 or not enabled. */
export function sellingCurrency(index: PriceIndex, code: string, pointer = 'body/currency') {
  if (minorUnitsOf(code) === undefined) {
    throw fieldProblem(pricingErrors.unknownCurrency, [{ pointer, detail: `${code} is not an ISO 4217 code this service knows (upper case, e.g. EUR)` }]);
  }
  const currency = index.currencies.get(code);
  if (!currency) throw fieldProblem(pricingErrors.unsupportedCurrency, [{ pointer, detail: `${code} is not enabled for selling` }]);
  return currency;
}

/**
 * Prices a batch of SKUs for one customer context from the in-memory index (no database round
 * trip). An unknown SKU or one no list prices is not an error here: its item says `noPrice` (the
 * quote, which needs every line priced, makes it a 422).
 */
export function resolvePrices(index: PriceIndex, caller: Caller, request: PricingRequest, field = 'items'): ResolveResult {
  assertDistinctSkus(request.lines, field);
  const currency = sellingCurrency(index, request.currency);
  const customer = customerContext(index, caller, request.accountId);
  const at = request.at ? new Date(request.at) : new Date();
  const context = { currency: currency.code, channel: request.channel, at: at.getTime(), groups: customer.groups, companyId: customer.companyId, customerId: customer.customerId };
  const items = request.lines.map((line): ResolvedItem => {
    const known = index.hasSku(line.sku);
    const winner = known ? winningPrice(index.candidates(line.sku, line.quantity, context), line.quantity) : undefined;
    return {
      sku: line.sku,
      quantity: line.quantity,
      unitPrice: winner?.amount ?? null,
      source: winner ? sourceOf(winner) : null,
      noPrice: winner ? null : known ? 'no-applicable-price' : 'unknown-sku',
    };
  });
  return { currency: currency.code, taxMode: currency.taxMode, channel: request.channel, at: at.toISOString(), customer, items };
}
