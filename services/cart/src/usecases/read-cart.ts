import { ProblemError, type ServiceClient } from '@mercato/kit';
import type { CartConfig } from '../config.ts';
import type { CartCaller } from '../domain/access.ts';
import type { Cart, Notice, PricedCart } from '../domain/cart.ts';
import { priceCart } from '../pricing/price-cart.ts';
import { findCart, touchCart, writeCart } from '../store/carts.store.ts';
import type { Db } from '../store/context.ts';
import { reachCart } from './reach-cart.ts';

/** A cart as read, and why its prices could not be refreshed, if they could not. */
export interface ReadCart {
  cart: Cart;
  pricingProblem?: { code: string; detail: string };
}

/**
 * Whether a cart's prices must be recomputed before it is shown: a price of one of its SKUs changed
 * (`stale`, set by the price.changed consumer), a price it shows has left its validity window, or
 * the prices are older than `CART_REPRICE_AFTER_MS` (list settings and customer groups change too).
 */
export function needsRepricing(cart: Cart, config: CartConfig, now = Date.now()): boolean {
  // A checkout holds the cart at the prices it locked.
  if (cart.lines.length === 0 || cart.status !== 'open') return false;
  if (cart.stale || !cart.priced || !cart.pricedAt) return true;
  if (now - cart.pricedAt.getTime() > config.CART_REPRICE_AFTER_MS) return true;
  return cart.priced.lines.some((l) => l.priceList.validTo !== null && Date.parse(l.priceList.validTo) <= now);
}

/** Price changes since the last pricing, one notice per SKU whose unit price moved. */
export function priceChanges(before: PricedCart | null, after: PricedCart): Notice[] {
  if (!before) return [];
  return after.lines.flatMap((line) => {
    const previous = before.lines.find((l) => l.sku === line.sku);
    return previous && previous.unitPrice !== line.unitPrice
      ? [{ type: 'price-changed' as const, sku: line.sku, previousUnitPrice: previous.unitPrice, unitPrice: line.unitPrice }]
      : [];
  });
}

/**
 * Reads a cart, repricing it first when needed. The customer is told which prices changed: the
 * notices stay on the cart until their next change. A cart pricing refuses now (a SKU left the
 * catalog, its price was removed) is still shown, with the old prices and the problem.
 */
export async function readCart(db: Db, pricing: ServiceClient, config: CartConfig, id: string, caller: CartCaller): Promise<ReadCart> {
  const cart = await reachCart(db, config, id, caller);
  await touchCart(db, cart.id);
  if (!needsRepricing(cart, config)) return { cart };
  try {
    const { priced, dropped } = await priceCart(pricing, {
      currency: cart.currency, minorUnits: cart.minorUnits, taxMode: cart.priced?.taxMode ?? 'gross', channel: cart.channel, accountId: cart.accountId, shipping: cart.shipping, lines: cart.lines, coupons: cart.coupons,
    });
    const changed = priceChanges(cart.priced, priced);
    const notices: Notice[] = [
      ...cart.notices.filter((n) => n.type !== 'price-changed' || !changed.some((c) => c.type === 'price-changed' && c.sku === n.sku)),
      ...changed,
      ...dropped.map((d): Notice => ({ type: 'coupon-dropped', code: d.code, reason: d.reason ?? '' })),
    ];
    const coupons = cart.coupons.filter((code) => !dropped.some((d) => d.code === code));
    const written = await writeCart(db, cart, { lines: cart.lines, coupons, shipping: cart.shipping, priced, notices, activity: false });
    // Lost the race to a write: that write priced the cart just now.
    return { cart: written ?? (await findCart(db, cart.id)) ?? cart };
  } catch (error) {
    if (error instanceof ProblemError && error.status < 500) return { cart, pricingProblem: { code: error.spec.code, detail: error.message } };
    throw error;
  }
}
