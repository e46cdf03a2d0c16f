import { fieldProblem } from '@mercato/kit';
import { cartErrors } from '../errors.ts';
import type { Notice, StoredLine } from './cart.ts';
import { MAX_LINES, MAX_QUANTITY } from './limits.ts';

/** Adds units of a SKU: a new line, or more units on its existing line (never above the maximum). */
export function addLine(lines: readonly StoredLine[], sku: string, quantity: number): StoredLine[] {
  const existing = lines.find((l) => l.sku === sku);
  if (!existing) {
    if (lines.length >= MAX_LINES) throw fieldProblem(cartErrors.tooManyLines, [{ pointer: 'body/sku', detail: `a cart holds at most ${MAX_LINES} lines` }]);
    return [...lines, { sku, quantity }];
  }
  const total = existing.quantity + quantity;
  if (total > MAX_QUANTITY) {
    throw fieldProblem(cartErrors.quantityOverLimit, [
      { pointer: 'body/quantity', detail: `the cart already has ${existing.quantity} of ${sku}; at most ${MAX_QUANTITY} per line`, sku, maxQuantity: MAX_QUANTITY },
    ]);
  }
  return lines.map((l) => (l.sku === sku ? { sku, quantity: total } : l));
}

/** Sets a line's quantity; undefined when the cart has no such line. */
export function setQuantity(lines: readonly StoredLine[], sku: string, quantity: number): StoredLine[] | undefined {
  if (!lines.some((l) => l.sku === sku)) return undefined;
  return lines.map((l) => (l.sku === sku ? { sku, quantity } : l));
}

/** Removes a line; undefined when the cart has no such line. */
export function removeLine(lines: readonly StoredLine[], sku: string): StoredLine[] | undefined {
  const kept = lines.filter((l) => l.sku !== sku);
  return kept.length === lines.length ? undefined : kept;
}

/**
 * A guest cart's lines added to a customer's: quantities of the same SKU are summed, capped at the
 * maximum (each cap is reported), and lines beyond the cart's maximum are dropped (reported too).
 */
export function mergeLines(into: readonly StoredLine[], from: readonly StoredLine[]): { lines: StoredLine[]; notices: Notice[] } {
  const lines = into.map((l) => ({ ...l }));
  const notices: Notice[] = [];
  for (const line of from) {
    const existing = lines.find((l) => l.sku === line.sku);
    const requested = (existing?.quantity ?? 0) + line.quantity;
    const quantity = Math.min(requested, MAX_QUANTITY);
    if (existing) existing.quantity = quantity;
    else if (lines.length < MAX_LINES) lines.push({ sku: line.sku, quantity });
    else {
      notices.push({ type: 'quantity-capped', sku: line.sku, requested, quantity: 0 });
      continue;
    }
    if (quantity < requested) notices.push({ type: 'quantity-capped', sku: line.sku, requested, quantity });
  }
  return { lines, notices };
}
