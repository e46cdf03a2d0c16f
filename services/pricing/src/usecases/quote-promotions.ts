import type { CouponOutcome } from '../api/promotion.schemas.ts';
import { applyPromotions, type PromotionOutcome } from '../domain/promotions/apply.ts';
import type { CartLine } from '../domain/promotions/cart.ts';
import type { Promotion } from '../domain/promotions/definition.ts';
import type { PriceIndex } from '../index/price-index.ts';
import { normalizeCode, type couponFacts } from '../store/coupons.store.ts';

type CouponFactsResult = Awaited<ReturnType<typeof couponFacts>>;

const requiresCoupon = (promotion: Promotion) => promotion.conditions.some((c) => c.type === 'coupon');

/**
 * The promotions of a quote: every automatic promotion in the index plus those whose coupon was
 * entered and still has a use left (for the coupon and, when known, for the account), applied by
 * `domain/promotions/apply.ts`; and, per entered coupon, whether it applied or why not.
 */
export function quotePromotions(
  index: PriceIndex,
  lines: readonly CartLine[],
  shopper: { currency: string; at: number; groups: readonly string[]; accountId: string | null },
  entered: readonly string[],
  facts: CouponFactsResult,
): { outcome: PromotionOutcome; coupons: CouponOutcome[] } {
  const usable = new Map<string, string>();
  const coupons: CouponOutcome[] = [];
  const pending: Array<{ outcome: CouponOutcome; promotionId: string }> = [];
  const seen = new Set<string>();
  const refuse = (code: string, promotionCode: string | null, reason: NonNullable<CouponOutcome['reason']>, detail: string) =>
    coupons.push({ code, applied: false, promotionCode, reason, detail });

  for (const code of entered) {
    const normalized = normalizeCode(code);
    const coupon = facts.coupons.get(normalized);
    const promotion = coupon && index.promotions.get(coupon.promotionId);
    if (seen.has(normalized)) {
      refuse(code, promotion?.code ?? null, 'duplicate', 'entered more than once');
      continue;
    }
    seen.add(normalized);
    if (!coupon || !promotion) {
      refuse(code, null, 'unknown', `no coupon ${code}`);
      continue;
    }
    if (usable.has(promotion.id)) {
      refuse(code, promotion.code, 'duplicate', `another coupon of promotion ${promotion.code} was entered before it`);
      continue;
    }
    if (coupon.maxUses !== null && coupon.uses >= coupon.maxUses) {
      refuse(code, promotion.code, 'usage-exhausted', `all ${coupon.maxUses} use(s) of ${normalized} are taken`);
      continue;
    }
    const accountUses = facts.accountUses.get(promotion.id) ?? 0;
    if (promotion.perCustomerLimit !== null && shopper.accountId !== null && accountUses >= promotion.perCustomerLimit) {
      refuse(code, promotion.code, 'customer-limit-reached', `the customer has used ${promotion.code} ${accountUses} time(s), the limit is ${promotion.perCustomerLimit}`);
      continue;
    }
    usable.set(promotion.id, normalized);
    const outcome: CouponOutcome = { code, applied: false, promotionCode: promotion.code, reason: null, detail: '' };
    coupons.push(outcome);
    pending.push({ outcome, promotionId: promotion.id });
  }

  const candidates = [...index.promotions.values()].filter((p) => !requiresCoupon(p) || usable.has(p.id));
  const outcome = applyPromotions(candidates, lines, { ...shopper, hasOrdered: facts.hasOrdered, coupons: usable });

  for (const { outcome: coupon, promotionId } of pending) {
    const applied = outcome.applied.find((a) => a.promotionId === promotionId);
    const skipped = outcome.skipped.find((s) => s.promotionId === promotionId);
    if (applied) Object.assign(coupon, { applied: true, detail: applied.why.join('; ') });
    else if (skipped) Object.assign(coupon, { reason: skipped.reason, detail: skipped.detail });
  }
  return { outcome, coupons };
}

/** Whether any promotion the quote may consider looks at the account's order history. */
export function needsOrderHistory(index: PriceIndex): boolean {
  for (const promotion of index.promotions.values()) if (promotion.conditions.some((c) => c.type === 'first-order')) return true;
  return false;
}
