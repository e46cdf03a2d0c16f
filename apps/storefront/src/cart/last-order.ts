import type { Order } from '../api/types.ts';

/**
 * The order just placed, kept for the confirmation page: a guest cannot read orders, but can read
 * the checkout with the (now ordered) cart's token.
 */
export type LastOrder = { orderId: string; checkoutId: string; cartToken: string | null; order: Order | null };

const KEY = 'mercato.lastOrder';

export const saveLastOrder = (last: LastOrder) => sessionStorage.setItem(KEY, JSON.stringify(last));

export function loadLastOrder(orderId: string): LastOrder | null {
  try {
    const last = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as LastOrder | null;
    return last?.orderId === orderId ? last : null;
  } catch {
    return null;
  }
}
