import { allocate, percentOf } from './allocation.ts';
import { matchesTarget, type CartLine } from './cart.ts';
import type { PromotionAction } from './definition.ts';

/**
 * The discount an action gives each line, given what is left of each line after the promotions
 * applied before it. Every share is capped at what is left of its line, so discounts never exceed
 * what they apply to. Free shipping gives nothing to lines (the quote settles it on shipping).
 */
export function lineDiscounts(action: PromotionAction, lines: readonly CartLine[], remaining: readonly number[]): number[] {
  const capped = (amounts: number[]) => amounts.map((a, i) => Math.max(0, Math.min(a, remaining[i]!)));
  const targeted = (i: number) => matchesTarget(lines[i]!, action.target);
  switch (action.type) {
    case 'percent-off-order':
      return allocate(percentOf(sum(remaining), action.percent!), remaining);
    case 'fixed-off-order':
      return allocate(action.amount!, remaining);
    case 'percent-off-items':
      return capped(remaining.map((r, i) => (targeted(i) ? percentOf(r, action.percent!) : 0)));
    case 'fixed-off-items':
      return capped(lines.map((line, i) => (targeted(i) ? action.amount! * line.quantity : 0)));
    case 'buy-x-get-y':
      return capped(buyXGetY(action, lines, targeted));
    case 'free-shipping':
      return lines.map(() => 0);
  }
}

/**
 * Of the target units, in every group of `buy + get` the `get` cheapest are `percent` off (default
 * 100): the number of discounted units is ⌊units / (buy + get)⌋ × get, taken from the cheapest
 * lines first (on equal unit prices, the earlier line first).
 */
function buyXGetY(action: PromotionAction, lines: readonly CartLine[], targeted: (i: number) => boolean): number[] {
  const indexes = lines.map((_, i) => i).filter(targeted);
  const units = indexes.reduce((n, i) => n + lines[i]!.quantity, 0);
  let discounted = Math.floor(units / (action.buy! + action.get!)) * action.get!;
  const out = lines.map(() => 0);
  const cheapestFirst = [...indexes].sort((a, b) => lines[a]!.unitPrice - lines[b]!.unitPrice || a - b);
  for (const i of cheapestFirst) {
    if (discounted === 0) break;
    const take = Math.min(discounted, lines[i]!.quantity);
    out[i] = percentOf(lines[i]!.unitPrice * take, action.percent ?? 100);
    discounted -= take;
  }
  return out;
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

