import type { PromotionAction as ActionSchema, PromotionCondition as ConditionSchema, PromotionTarget as TargetSchema } from '@mercato/contracts';
import type { Static } from '@sinclair/typebox';

export type PromotionCondition = Static<typeof ConditionSchema>;
export type PromotionAction = Static<typeof ActionSchema>;
export type PromotionTarget = Static<typeof TargetSchema>;

/** A promotion as the quote evaluates it (times in epoch ms). */
export interface Promotion {
  id: string;
  code: string;
  name: string;
  currency: string | null;
  conditions: readonly PromotionCondition[];
  action: PromotionAction;
  priority: number;
  stacking: 'stackable' | 'exclusive';
  perCustomerLimit: number | null;
  validFrom: number | null;
  validTo: number | null;
  active: boolean;
}

/** The fields each condition type uses (any other field is a mistake in the definition). */
export const CONDITION_FIELDS: Record<PromotionCondition['type'], ReadonlyArray<keyof PromotionCondition>> = {
  'subtotal-at-least': ['amount'],
  'sku-in-cart': ['skus', 'minQuantity'],
  'category-in-cart': ['categoryIds'],
  'brand-in-cart': ['brandIds'],
  'customer-group': ['groups'],
  'first-order': [],
  coupon: [],
};

/** The fields each action type uses; the required ones are in `REQUIRED_ACTION_FIELDS`. */
export const ACTION_FIELDS: Record<PromotionAction['type'], ReadonlyArray<keyof PromotionAction>> = {
  'percent-off-order': ['percent'],
  'fixed-off-order': ['amount'],
  'percent-off-items': ['percent', 'target'],
  'fixed-off-items': ['amount', 'target'],
  'buy-x-get-y': ['buy', 'get', 'percent', 'target'],
  'free-shipping': [],
};

export const REQUIRED_ACTION_FIELDS: Record<PromotionAction['type'], ReadonlyArray<keyof PromotionAction>> = {
  'percent-off-order': ['percent'],
  'fixed-off-order': ['amount'],
  'percent-off-items': ['percent'],
  'fixed-off-items': ['amount'],
  'buy-x-get-y': ['buy', 'get'],
  'free-shipping': [],
};

/** Conditions or actions whose amounts are money: they need the promotion's currency. */
export function usesMoney(promotion: { conditions: readonly PromotionCondition[]; action: PromotionAction }): boolean {
  return promotion.conditions.some((c) => c.type === 'subtotal-at-least') || promotion.action.type === 'fixed-off-order' || promotion.action.type === 'fixed-off-items';
}
