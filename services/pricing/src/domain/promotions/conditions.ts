import { inCategories, lineTotal, type CartLine } from './cart.ts';
import type { Promotion, PromotionCondition } from './definition.ts';

/** What conditions look at besides the cart. */
export interface Shopper {
  currency: string;
  at: number;
  groups: readonly string[];
  accountId: string | null;
  /** Whether the account is known to have ordered before (false for a guest: unknown). */
  hasOrdered: boolean;
  /** Promotions whose coupon was entered (and is usable), with the code. */
  coupons: ReadonlyMap<string, string>;
}

export interface ConditionResult {
  met: boolean;
  /** Why it holds or not, for the quote's explanation. */
  detail: string;
}

const list = (values: readonly string[]) => values.join(', ');

/** Evaluates one condition against the cart (goods before any discount) and the shopper. */
export function evaluateCondition(condition: PromotionCondition, promotion: Promotion, lines: readonly CartLine[], shopper: Shopper): ConditionResult {
  switch (condition.type) {
    case 'subtotal-at-least': {
      const subtotal = lines.reduce((sum, line) => sum + lineTotal(line), 0);
      const met = subtotal >= condition.amount!;
      return { met, detail: `goods subtotal ${subtotal} ${met ? '≥' : '<'} ${condition.amount}` };
    }
    case 'sku-in-cart': {
      const units = lines.filter((l) => condition.skus!.includes(l.sku)).reduce((sum, l) => sum + l.quantity, 0);
      const needed = condition.minQuantity ?? 1;
      return { met: units >= needed, detail: `${units} of ${needed} needed unit(s) of ${list(condition.skus!)} in the cart` };
    }
    case 'category-in-cart': {
      const found = lines.filter((l) => inCategories(l, condition.categoryIds!)).map((l) => l.sku);
      return { met: found.length > 0, detail: found.length > 0 ? `${list(found)} in category ${list(condition.categoryIds!)}` : `nothing in category ${list(condition.categoryIds!)}` };
    }
    case 'brand-in-cart': {
      const found = lines.filter((l) => l.brandId !== null && condition.brandIds!.includes(l.brandId)).map((l) => l.sku);
      return { met: found.length > 0, detail: found.length > 0 ? `${list(found)} of brand ${list(condition.brandIds!)}` : `nothing of brand ${list(condition.brandIds!)}` };
    }
    case 'customer-group': {
      const shared = condition.groups!.filter((g) => shopper.groups.includes(g));
      return { met: shared.length > 0, detail: shared.length > 0 ? `customer in group ${list(shared)}` : `customer not in group ${list(condition.groups!)}` };
    }
    case 'first-order': {
      if (shopper.accountId === null) return { met: false, detail: 'first order: only for signed-in customers' };
      return { met: !shopper.hasOrdered, detail: shopper.hasOrdered ? 'the customer has ordered before' : 'first order of the customer' };
    }
    case 'coupon': {
      const code = shopper.coupons.get(promotion.id);
      return { met: code !== undefined, detail: code !== undefined ? `coupon ${code}` : 'needs a coupon code' };
    }
  }
}

export type Ineligibility = 'inactive' | 'not-started' | 'expired' | 'currency-mismatch' | 'conditions-unmet';

/** Whether a promotion may apply: active, in its window, in the quote's currency, every condition met. */
export function eligibility(promotion: Promotion, lines: readonly CartLine[], shopper: Shopper): { eligible: true; why: string[] } | { eligible: false; reason: Ineligibility; detail: string } {
  if (!promotion.active) return { eligible: false, reason: 'inactive', detail: `promotion ${promotion.code} is not active` };
  if (promotion.validFrom !== null && shopper.at < promotion.validFrom) {
    return { eligible: false, reason: 'not-started', detail: `promotion ${promotion.code} starts ${new Date(promotion.validFrom).toISOString()}` };
  }
  if (promotion.validTo !== null && shopper.at >= promotion.validTo) {
    return { eligible: false, reason: 'expired', detail: `promotion ${promotion.code} ended ${new Date(promotion.validTo).toISOString()}` };
  }
  if (promotion.currency !== null && promotion.currency !== shopper.currency) {
    return { eligible: false, reason: 'currency-mismatch', detail: `promotion ${promotion.code} is for ${promotion.currency}, not ${shopper.currency}` };
  }
  const results = promotion.conditions.map((c) => evaluateCondition(c, promotion, lines, shopper));
  const unmet = results.filter((r) => !r.met);
  if (unmet.length > 0) return { eligible: false, reason: 'conditions-unmet', detail: unmet.map((r) => r.detail).join('; ') };
  const window = promotion.validFrom !== null || promotion.validTo !== null ? [`valid ${iso(promotion.validFrom) ?? '…'} to ${iso(promotion.validTo) ?? '…'}`] : [];
  return { eligible: true, why: [...results.map((r) => r.detail), ...window] };
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
