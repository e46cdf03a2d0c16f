import { problem, type ServiceClient } from '@mercato/kit';
import type { CartConfig } from '../config.ts';
import { expiresAt } from '../domain/access.ts';
import type { Cart, Notice } from '../domain/cart.ts';
import { WRITE_ATTEMPTS } from '../domain/limits.ts';
import { tokenMatches } from '../domain/token.ts';
import { cartErrors } from '../errors.ts';
import { priceCart } from '../pricing/price-cart.ts';
import { endCheckout, findCart, lockCartForCheckout } from '../store/carts.store.ts';
import type { Db } from '../store/context.ts';
import { cartNotFound } from './reach-cart.ts';
import { priceChanges } from './read-cart.ts';

/** Who checks out: the signed-in person (their customer cart) or the guest holding the cart token. */
export interface CheckoutCaller {
  checkoutId: string;
  accountId: string | null;
  cartToken: string | undefined;
}

const held = (cart: Cart, checkoutId: string) => cart.checkoutId === checkoutId && (cart.status === 'checking_out' || cart.status === 'ordered');

/**
 * Locks a cart for a checkout: the caller must own it (the same rule as customers reaching it), it
 * needs lines and a shipping destination, and it is repriced now, so the checkout starts from
 * today's prices. Repeatable: the checkout that holds the cart gets it back as it is.
 */
export async function lockForCheckout(db: Db, pricing: ServiceClient, config: CartConfig, id: string, caller: CheckoutCaller): Promise<Cart> {
  for (let attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
    const cart = await findCart(db, id);
    if (cart && held(cart, caller.checkoutId)) return cart;
    const owns = cart && (cart.accountId !== null ? cart.accountId === caller.accountId : tokenMatches(caller.cartToken, cart.tokenHash));
    if (!cart || !owns) throw cartNotFound(id);
    if (cart.status === 'checking_out') {
      throw problem(cartErrors.cartCheckingOut, `Checkout ${cart.checkoutId} already holds cart ${id}`, { checkoutId: cart.checkoutId });
    }
    if (cart.status !== 'open' || expiresAt(cart, config) <= new Date()) throw cartNotFound(id);
    if (cart.lines.length === 0) throw problem(cartErrors.cartEmpty, `Cart ${id} has no lines`);
    if (!cart.shipping) throw problem(cartErrors.shippingRequired, `Cart ${id} has no shipping destination; set it with PUT /api/cart/carts/${id}/shipping`);

    const { priced, dropped } = await priceCart(pricing, {
      currency: cart.currency, minorUnits: cart.minorUnits, taxMode: cart.priced?.taxMode ?? 'gross', channel: cart.channel, accountId: cart.accountId, shipping: cart.shipping, lines: cart.lines, coupons: cart.coupons,
    });
    const changed = priceChanges(cart.priced, priced);
    const notices: Notice[] = [
      ...cart.notices.filter((n) => n.type !== 'price-changed' || !changed.some((c) => c.type === 'price-changed' && c.sku === n.sku)),
      ...changed,
      ...dropped.map((d): Notice => ({ type: 'coupon-dropped', code: d.code, reason: d.reason ?? '' })),
    ];
    const locked = await lockCartForCheckout(db, cart, caller.checkoutId, priced, notices);
    if (locked) return locked;
  }
  throw problem(cartErrors.cartBusy);
}

/** The checkout placed the order: the cart is closed as `ordered`. Repeatable. */
export async function completeCheckout(db: Db, id: string, checkoutId: string, orderId: string): Promise<Cart> {
  const ended = await endCheckout(db, id, checkoutId, { status: 'ordered', orderId });
  if (ended) return ended;
  const cart = await findCart(db, id);
  if (cart?.status === 'ordered' && cart.checkoutId === checkoutId) return cart;
  throw notHeld(id, checkoutId, cart);
}

/**
 * The checkout failed: the cart is open again, unchanged. Repeatable, and a no-op for a cart the
 * checkout never locked (a compensation may run before or without the lock).
 */
export async function releaseCheckout(db: Db, id: string, checkoutId: string): Promise<Cart> {
  const ended = await endCheckout(db, id, checkoutId, { status: 'open' });
  if (ended) return ended;
  const cart = await findCart(db, id);
  if (!cart) throw cartNotFound(id);
  if (cart.status === 'ordered' && cart.checkoutId === checkoutId) {
    throw problem(cartErrors.cartNotInCheckout, `Cart ${id} became order ${cart.orderId}; it cannot be released`, { checkoutId });
  }
  return cart;
}

function notHeld(id: string, checkoutId: string, cart: Cart | undefined) {
  if (!cart) return cartNotFound(id);
  const state = cart.status === 'ordered' ? `was ordered by checkout ${cart.checkoutId}` : cart.status === 'checking_out' ? `is held by checkout ${cart.checkoutId}` : `is ${cart.status}`;
  return problem(cartErrors.cartNotInCheckout, `Cart ${id} ${state}, not by ${checkoutId}`, { checkoutId: cart.checkoutId });
}
