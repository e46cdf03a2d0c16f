import type { PromotionTarget } from './definition.ts';

/** One priced line of the cart, with the catalog facts conditions and targets look at. */
export interface CartLine {
  sku: string;
  quantity: number;
  unitPrice: number;
  /** Ancestor category ids, root first, ending with the line's category (null: none). */
  categoryPath: readonly string[] | null;
  brandId: string | null;
}

export const lineTotal = (line: CartLine) => line.unitPrice * line.quantity;

export function inCategories(line: CartLine, categoryIds: readonly string[]): boolean {
  return line.categoryPath?.some((id) => categoryIds.includes(id)) ?? false;
}

/** Whether a line is one of the target's: any list it matches; a target without lists takes every line. */
export function matchesTarget(line: CartLine, target: PromotionTarget | undefined): boolean {
  if (!target || (!target.skus && !target.categoryIds && !target.brandIds)) return true;
  return (
    (target.skus?.includes(line.sku) ?? false) ||
    (target.categoryIds ? inCategories(line, target.categoryIds) : false) ||
    (target.brandIds !== undefined && line.brandId !== null && target.brandIds.includes(line.brandId))
  );
}
