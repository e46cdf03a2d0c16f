import { lineDiscounts } from './actions.ts';
import { lineTotal, type CartLine } from './cart.ts';
import { eligibility, type Ineligibility, type Shopper } from './conditions.ts';
import type { Promotion } from './definition.ts';

export interface AppliedPromotion {
  promotionId: string;
  code: string;
  name: string;
  action: Promotion['action']['type'];
  stacking: Promotion['stacking'];
  priority: number;
  coupon: string | null;
  /** Why it applied: each condition that held, and the window. */
  why: string[];
  /** The discount on each line it touched (cart line index, SKU, amount). */
  lines: Array<{ line: number; sku: string; amount: number }>;
  /** The part of the shipping cost it waived (free-shipping; settled once shipping is known). */
  shipping: number;
  amount: number;
}

export type SkipReason = Ineligibility | 'excluded' | 'nothing-to-discount';

export interface SkippedPromotion {
  promotionId: string;
  code: string;
  coupon: string | null;
  reason: SkipReason;
  detail: string;
}

export interface PromotionOutcome {
  /** Total discount per cart line (never more than the line total). */
  lineDiscounts: number[];
  /** Whether a free-shipping promotion applied. */
  freeShipping: boolean;
  applied: AppliedPromotion[];
  skipped: SkippedPromotion[];
}

/** The order promotions are considered in: higher priority first, then the older one (smaller id). */
export function byPrecedence(a: Promotion, b: Promotion): number {
  return b.priority - a.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Applies promotions to a cart (docs/reference/money-and-tax.md, "Promotions"): in precedence
 * order, each eligible promotion takes its discount from what the earlier ones left of each line.
 * An exclusive promotion applies only when none applied before it, and then nothing after it does.
 * A promotion that would discount nothing is skipped (and so does not exclude others).
 */
export function applyPromotions(promotions: readonly Promotion[], lines: readonly CartLine[], shopper: Shopper): PromotionOutcome {
  const remaining = lines.map(lineTotal);
  const applied: AppliedPromotion[] = [];
  const skipped: SkippedPromotion[] = [];
  let exclusive: AppliedPromotion | undefined;
  const skip = (promotion: Promotion, reason: SkipReason, detail: string) =>
    skipped.push({ promotionId: promotion.id, code: promotion.code, coupon: shopper.coupons.get(promotion.id) ?? null, reason, detail });

  for (const promotion of [...promotions].sort(byPrecedence)) {
    const verdict = eligibility(promotion, lines, shopper);
    if (!verdict.eligible) {
      skip(promotion, verdict.reason, verdict.detail);
      continue;
    }
    if (exclusive) {
      skip(promotion, 'excluded', `exclusive promotion ${exclusive.code} applied before it`);
      continue;
    }
    if (promotion.stacking === 'exclusive' && applied.length > 0) {
      skip(promotion, 'excluded', `it is exclusive, and ${applied.map((a) => a.code).join(', ')} applied before it`);
      continue;
    }
    const shares = lineDiscounts(promotion.action, lines, remaining);
    const amount = shares.reduce((a, b) => a + b, 0);
    const freeShipping = promotion.action.type === 'free-shipping';
    if (amount === 0 && !freeShipping) {
      skip(promotion, 'nothing-to-discount', 'no line it targets has anything left to discount');
      continue;
    }
    shares.forEach((share, i) => (remaining[i]! -= share));
    const entry: AppliedPromotion = {
      promotionId: promotion.id,
      code: promotion.code,
      name: promotion.name,
      action: promotion.action.type,
      stacking: promotion.stacking,
      priority: promotion.priority,
      coupon: shopper.coupons.get(promotion.id) ?? null,
      why: verdict.why,
      lines: shares.flatMap((share, i) => (share > 0 ? [{ line: i, sku: lines[i]!.sku, amount: share }] : [])),
      shipping: 0,
      amount,
    };
    applied.push(entry);
    if (promotion.stacking === 'exclusive') exclusive = entry;
  }

  return {
    lineDiscounts: lines.map((line, i) => lineTotal(line) - remaining[i]!),
    freeShipping: applied.some((a) => a.action === 'free-shipping'),
    applied,
    skipped,
  };
}

/** Books the waived shipping cost on the first free-shipping promotion (the others waive 0). */
export function settleShipping(outcome: PromotionOutcome, shippingAmount: number): number {
  const first = outcome.applied.find((a) => a.action === 'free-shipping');
  if (!first) return 0;
  first.shipping = shippingAmount;
  first.amount = shippingAmount;
  return shippingAmount;
}
