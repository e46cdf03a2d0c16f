import { fieldProblem, kitErrors } from '@mercato/kit';
import { inventoryErrors } from '../errors.ts';
import { MAX_ON_HAND } from './quantities.ts';

/** Why stock is adjusted: receipts and returns add, damage and loss remove, a count corrects. */
export const ADJUSTMENT_TYPES = ['receive', 'return', 'damage', 'loss', 'count'] as const;
export type AdjustmentType = (typeof ADJUSTMENT_TYPES)[number];

export interface AdjustmentRequest {
  type: AdjustmentType;
  /** Units moved (receive, return, damage, loss). */
  quantity?: number;
  /** The counted on-hand figure (count). */
  countedOnHand?: number;
}

export interface AdjustmentPlan {
  onHandAfter: number;
  /** Units that went straight to committed backorders instead of the shelf. */
  backordersSettled: number;
}

/**
 * The effect of an adjustment on one warehouse's stock. Added units first settle the SKU's
 * committed backorders (those orders are owed the units). On-hand never drops below what is
 * reserved: holds must be released first.
 */
export function planAdjustment(request: AdjustmentRequest, stock: { onHand: number; reserved: number }, backordersOwed: number, at = 'body'): AdjustmentPlan {
  const delta = signedDelta(request, stock.onHand, at);
  if (delta <= 0) {
    const after = stock.onHand + delta;
    if (after < 0) {
      throw fieldProblem(inventoryErrors.insufficientStock, [{ pointer: `${at}/quantity`, detail: `only ${stock.onHand} on hand` }]);
    }
    if (after < stock.reserved) {
      throw fieldProblem(inventoryErrors.onHandBelowReserved, [
        { pointer: `${at}/${request.type === 'count' ? 'countedOnHand' : 'quantity'}`, detail: `${stock.reserved} units are reserved` },
      ]);
    }
    return { onHandAfter: after, backordersSettled: 0 };
  }
  const settled = Math.min(delta, backordersOwed);
  const after = stock.onHand + delta - settled;
  if (after > MAX_ON_HAND) throw fieldProblem(kitErrors.validationFailed, [{ pointer: `${at}/quantity`, detail: `on hand may not exceed ${MAX_ON_HAND}` }]);
  return { onHandAfter: after, backordersSettled: settled };
}

function signedDelta(request: AdjustmentRequest, onHand: number, at: string): number {
  if (request.type === 'count') {
    if (request.countedOnHand === undefined) throw missing(at, 'countedOnHand', 'a count needs the counted on-hand figure');
    if (request.quantity !== undefined) throw unexpected(at, 'quantity', 'a count gives countedOnHand, not quantity');
    return request.countedOnHand - onHand;
  }
  if (request.quantity === undefined) throw missing(at, 'quantity', `a ${request.type} needs a quantity`);
  if (request.countedOnHand !== undefined) throw unexpected(at, 'countedOnHand', 'only a count gives countedOnHand');
  return request.type === 'receive' || request.type === 'return' ? request.quantity : -request.quantity;
}

const missing = (at: string, field: string, detail: string) => fieldProblem(kitErrors.validationFailed, [{ pointer: at, detail, missing: field }]);
const unexpected = (at: string, field: string, detail: string) => fieldProblem(kitErrors.validationFailed, [{ pointer: `${at}/${field}`, detail, unexpected: field }]);
