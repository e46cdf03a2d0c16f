import { fieldProblem, problem, staleVersion, type ServiceClient } from '@mercato/kit';
import type { CartConfig } from '../config.ts';
import type { CartCaller } from '../domain/access.ts';
import type { Cart, Notice, StoredLine } from '../domain/cart.ts';
import { WRITE_ATTEMPTS } from '../domain/limits.ts';
import { cartErrors } from '../errors.ts';
import type { Focus } from '../pricing/focus.ts';
import { priceCart } from '../pricing/price-cart.ts';
import { writeCart } from '../store/carts.store.ts';
import type { Db } from '../store/context.ts';
import { assertEditable, reachCart } from './reach-cart.ts';
import { needsRepricing, priceChanges } from './read-cart.ts';

/** What a change makes of the cart it is applied to (it may throw a problem instead). */
export interface Edited {
  lines: StoredLine[];
  coupons: string[];
  shipping: Cart['shipping'];
  /** The request's subject, so that pricing's complaints name its fields. */
  focus: Focus;
}

/**
 * Applies a change to a cart: read, edit, price (one call to pricing), then compare-and-set on the
 * version. Pricing happens outside any transaction, so no row lock is held across the call; a
 * problem from the edit or from pricing leaves the cart untouched.
 *
 * Race handling: with `If-Match`, a cart at another version is a 412. Without it, a lost
 * compare-and-set re-reads the cart and applies the change again (each change is stated against
 * the current cart: add n units, set n, remove), up to a few times, then 409 `cart-busy`.
 */
export async function changeCart(
  db: Db,
  pricing: ServiceClient,
  config: CartConfig,
  id: string,
  caller: CartCaller,
  ifMatch: number | undefined,
  edit: (cart: Cart) => Edited,
  /** A coupon being applied: refused (422, nothing kept) when the quote rejects it. */
  applyingCoupon?: string,
): Promise<Cart> {
  for (let attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
    const cart = assertEditable(await reachCart(db, config, id, caller));
    if (ifMatch !== undefined && cart.version !== ifMatch) throw staleVersion('cart');
    const next = edit(cart);
    const { priced, dropped } = await priceCart(
      pricing,
      { currency: cart.currency, minorUnits: cart.minorUnits, taxMode: cart.priced?.taxMode ?? 'gross', channel: cart.channel, accountId: cart.accountId, shipping: next.shipping, lines: next.lines, coupons: next.coupons },
      next.focus,
    );
    const coupon = priced.coupons.find((c) => c.code === applyingCoupon);
    if (coupon?.status === 'rejected') {
      throw fieldProblem(cartErrors.couponNotApplicable, [{ pointer: 'body/code', detail: coupon.reason ?? 'the coupon does not apply', code: coupon.code }]);
    }
    // Prices that moved since the cart was last priced, on lines this change did not touch (a new
    // quantity may reach another tier: that is not news).
    const untouched = next.lines.filter((l) => cart.lines.some((c) => c.sku === l.sku && c.quantity === l.quantity));
    const notices: Notice[] = [
      ...(needsRepricing(cart, config) ? priceChanges(cart.priced, priced).filter((n) => n.type === 'price-changed' && untouched.some((l) => l.sku === n.sku)) : []),
      ...dropped.map((d): Notice => ({ type: 'coupon-dropped', code: d.code, reason: d.reason ?? '' })),
    ];
    const written = await writeCart(db, cart, {
      lines: next.lines,
      coupons: next.coupons.filter((code) => !dropped.some((d) => d.code === code)),
      shipping: next.shipping,
      priced,
      notices,
      activity: true,
    });
    if (written) return written;
    if (ifMatch !== undefined) throw staleVersion('cart');
    // Racing writers retry at slightly different moments, so one of them wins each round.
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * (attempt + 1)));
  }
  throw problem(cartErrors.cartBusy);
}
