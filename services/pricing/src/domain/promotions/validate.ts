import type { FieldError } from '@mercato/kit';
import { ACTION_FIELDS, CONDITION_FIELDS, REQUIRED_ACTION_FIELDS, usesMoney, type PromotionAction, type PromotionCondition } from './definition.ts';

export interface PromotionDefinition {
  currency: string | null;
  conditions: readonly PromotionCondition[];
  action: PromotionAction;
  perCustomerLimit: number | null;
  validFrom: string | null;
  validTo: string | null;
}

/**
 * What is wrong with a promotion definition beyond its schema, each error naming the field: fields
 * a condition or action type does not use or misses, money without a currency, a window that ends
 * before it starts, a per-customer limit without a coupon (only coupon redemptions are counted).
 */
export function definitionErrors(definition: PromotionDefinition): FieldError[] {
  const errors: FieldError[] = [];
  definition.conditions.forEach((condition, i) => {
    const allowed = CONDITION_FIELDS[condition.type];
    for (const field of Object.keys(condition) as Array<keyof PromotionCondition>) {
      if (field !== 'type' && !allowed.includes(field)) errors.push({ pointer: `body/conditions/${i}/${field}`, detail: `a ${condition.type} condition has no ${field}` });
    }
    const required = allowed.filter((f) => f !== 'minQuantity');
    for (const field of required) {
      if (condition[field] === undefined) errors.push({ pointer: `body/conditions/${i}/${field}`, detail: `a ${condition.type} condition needs ${field}` });
    }
  });
  const seen = new Set<string>();
  definition.conditions.forEach((condition, i) => {
    if (seen.has(condition.type)) errors.push({ pointer: `body/conditions/${i}/type`, detail: `${condition.type} appears twice: merge the two into one condition` });
    seen.add(condition.type);
  });

  const action = definition.action;
  for (const field of Object.keys(action) as Array<keyof PromotionAction>) {
    if (field !== 'type' && !ACTION_FIELDS[action.type].includes(field)) errors.push({ pointer: `body/action/${field}`, detail: `a ${action.type} action has no ${field}` });
  }
  for (const field of REQUIRED_ACTION_FIELDS[action.type]) {
    if (action[field] === undefined) errors.push({ pointer: `body/action/${field}`, detail: `a ${action.type} action needs ${field}` });
  }
  if ((action.type === 'fixed-off-order' || action.type === 'fixed-off-items') && action.amount === 0) {
    errors.push({ pointer: 'body/action/amount', detail: 'must be more than 0' });
  }
  if (usesMoney(definition) && definition.currency === null) {
    errors.push({ pointer: 'body/currency', detail: 'amounts need the currency they are in' });
  }
  if (definition.validFrom && definition.validTo && Date.parse(definition.validFrom) >= Date.parse(definition.validTo)) {
    errors.push({ pointer: 'body/validTo', detail: 'must be after validFrom' });
  }
  if (definition.perCustomerLimit !== null && !definition.conditions.some((c) => c.type === 'coupon')) {
    errors.push({ pointer: 'body/perCustomerLimit', detail: 'only coupon redemptions are counted: add a coupon condition' });
  }
  return errors;
}
