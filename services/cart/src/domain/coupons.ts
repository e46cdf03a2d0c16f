import type { CouponOutcome } from './cart.ts';

/** One entered coupon as pricing's quote explains it. */
export interface QuotedCoupon {
  code: string;
  applied: boolean;
  promotionCode: string | null;
  reason: string | null;
  detail: string;
}

/** One applied promotion of a quote (`code` is the promotion's, not the coupon's). */
export interface QuotedDiscount {
  code: string;
  amount: number;
}

/** Coupon codes compare case-insensitively; the cart keeps them upper case, as pricing does. */
export function normalizeCoupon(code: string): string {
  return code.trim().toUpperCase();
}

/**
 * What each of the cart's coupons did, from the quote: applied (with its promotion's discount) or
 * rejected with pricing's reason (`expired: …`, `conditions-unmet: …`).
 */
export function couponOutcomes(codes: readonly string[], quoted: readonly QuotedCoupon[], discounts: readonly QuotedDiscount[]): CouponOutcome[] {
  return codes.map((code) => {
    const outcome = quoted.find((c) => normalizeCoupon(c.code) === code);
    if (!outcome) return { code, status: 'rejected', amount: 0, reason: 'the quote did not consider the coupon' };
    if (outcome.applied) {
      const amount = discounts.filter((d) => d.code === outcome.promotionCode).reduce((sum, d) => sum + d.amount, 0);
      return { code, status: 'applied', amount, reason: null };
    }
    return { code, status: 'rejected', amount: 0, reason: [outcome.reason, outcome.detail].filter(Boolean).join(': ') };
  });
}

/** Coupons kept until the cart can be quoted (a quote needs lines and a shipping destination). */
export function pendingCoupons(codes: readonly string[], why = 'checked once a shipping destination is set'): CouponOutcome[] {
  return codes.map((code) => ({ code, status: 'pending', amount: 0, reason: why }));
}
