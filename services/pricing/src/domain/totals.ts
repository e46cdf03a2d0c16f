import { multiply, taxInGross, taxOnNet } from './money.ts';

/**
 * The arithmetic of a quote, pure: integer minor units in, integer minor units out.
 *
 * - line total = unit price × quantity; a line discount is capped at the line total, and a
 *   shipping discount (free-shipping promotions) at the shipping amount;
 * - tax per line (and for shipping as one more line) on the discounted amount, rounded half-even
 *   to the minor unit: on top of a net amount, or the part contained in a gross amount;
 * - discounts = line discounts + the shipping discount;
 * - net mode: grand total = subtotal − discounts + shipping + tax total;
 * - gross mode: grand total = subtotal − discounts + shipping (tax total is the part included).
 */

export type TaxMode = 'gross' | 'net';

export interface TotalsLineInput {
  unitPrice: number;
  quantity: number;
  /** Discount on the whole line (promotions). */
  discount: number;
  taxClass: string;
  taxRateBp: number;
}

export interface TotalsInput {
  taxMode: TaxMode;
  lines: readonly TotalsLineInput[];
  /** `discount`: the part of the shipping amount a promotion waives (default 0). */
  shipping: { amount: number; discount?: number; taxClass: string; taxRateBp: number } | null;
}

export interface LineTotals {
  lineTotal: number;
  discount: number;
  /** lineTotal − discount: what tax is computed on (net) or contained in (gross). */
  taxableAmount: number;
  tax: number;
}

export interface TaxBreakdownEntry {
  taxClass: string;
  rateBp: number;
  /** Sum of the taxable amounts (net or gross, per the tax mode). */
  taxableAmount: number;
  tax: number;
}

export interface Totals {
  taxMode: TaxMode;
  lines: LineTotals[];
  subtotal: number;
  discountTotal: number;
  /** `amount` before the discount; tax is on `amount − discount`. */
  shipping: { amount: number; discount: number; tax: number } | null;
  taxTotal: number;
  grandTotal: number;
  taxBreakdown: TaxBreakdownEntry[];
}

function taxOf(mode: TaxMode, amount: number, rateBp: number): number {
  return mode === 'net' ? taxOnNet(amount, rateBp) : taxInGross(amount, rateBp);
}

function assertAmount(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
}

/** Computes a quote's totals; throws RangeError on negative or non-integer input. */
export function computeTotals(input: TotalsInput): Totals {
  const breakdown = new Map<string, TaxBreakdownEntry>();
  const addToBreakdown = (taxClass: string, rateBp: number, taxableAmount: number, tax: number) => {
    const key = `${taxClass}\u0000${rateBp}`;
    const entry = breakdown.get(key) ?? { taxClass, rateBp, taxableAmount: 0, tax: 0 };
    entry.taxableAmount += taxableAmount;
    entry.tax += tax;
    breakdown.set(key, entry);
  };

  const lines = input.lines.map((line, i) => {
    for (const field of ['unitPrice', 'quantity', 'discount', 'taxRateBp'] as const) assertAmount(`lines[${i}].${field}`, line[field]);
    const lineTotal = multiply(line.unitPrice, line.quantity);
    const discount = Math.min(line.discount, lineTotal);
    const taxableAmount = lineTotal - discount;
    const tax = taxOf(input.taxMode, taxableAmount, line.taxRateBp);
    addToBreakdown(line.taxClass, line.taxRateBp, taxableAmount, tax);
    return { lineTotal, discount, taxableAmount, tax };
  });

  let shipping: Totals['shipping'] = null;
  if (input.shipping) {
    assertAmount('shipping.amount', input.shipping.amount);
    assertAmount('shipping.taxRateBp', input.shipping.taxRateBp);
    assertAmount('shipping.discount', input.shipping.discount ?? 0);
    const discount = Math.min(input.shipping.discount ?? 0, input.shipping.amount);
    const taxableAmount = input.shipping.amount - discount;
    const tax = taxOf(input.taxMode, taxableAmount, input.shipping.taxRateBp);
    shipping = { amount: input.shipping.amount, discount, tax };
    if (taxableAmount > 0) addToBreakdown(input.shipping.taxClass, input.shipping.taxRateBp, taxableAmount, tax);
  }

  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  const subtotal = sum(lines.map((l) => l.lineTotal));
  const discountTotal = sum(lines.map((l) => l.discount)) + (shipping?.discount ?? 0);
  const taxTotal = sum(lines.map((l) => l.tax)) + (shipping?.tax ?? 0);
  const shippingAmount = shipping?.amount ?? 0;
  const grandTotal = subtotal - discountTotal + shippingAmount + (input.taxMode === 'net' ? taxTotal : 0);
  if (!Number.isSafeInteger(grandTotal)) throw new RangeError('the grand total is too large');

  const taxBreakdown = [...breakdown.values()].sort((a, b) => a.taxClass.localeCompare(b.taxClass) || a.rateBp - b.rateBp);
  return { taxMode: input.taxMode, lines, subtotal, discountTotal, shipping, taxTotal, grandTotal, taxBreakdown };
}
