import { problem } from '@mercato/kit';
import type { CartConfig } from '../config.ts';
import { expiresAt, mayReach, type CartCaller } from '../domain/access.ts';
import type { Cart } from '../domain/cart.ts';
import { cartErrors } from '../errors.ts';
import { expireCart, findCart, findOpenCartOfAccount } from '../store/carts.store.ts';
import type { Db } from '../store/context.ts';

export const cartNotFound = (id: string) => problem(cartErrors.cartNotFound, `No open cart ${id} is yours`);

/**
 * The open (or checkout-held) cart if the caller may reach it. Someone else's cart, a closed one
 * and one past its expiry (not yet swept) all answer the same 404 as a cart that never existed. A
 * cart a checkout holds does not expire: the checkout ends it.
 */
export async function reachCart(db: Db, config: CartConfig, id: string, caller: CartCaller): Promise<Cart> {
  const cart = await findCart(db, id);
  if (!cart || !mayReach(cart, caller)) throw cartNotFound(id);
  if (cart.status === 'checking_out') return cart;
  if (cart.status !== 'open' || expiresAt(cart, config) <= new Date()) throw cartNotFound(id);
  return cart;
}

/** A cart a checkout holds cannot change until the checkout completes or is rolled back. */
export function assertEditable(cart: Cart): Cart {
  if (cart.status === 'checking_out') {
    throw problem(cartErrors.cartCheckingOut, `Checkout ${cart.checkoutId} holds cart ${cart.id}; it is released if the checkout fails`, { checkoutId: cart.checkoutId });
  }
  return cart;
}

/**
 * The account's open cart, if it has one that has not expired. One found past its expiry is closed
 * on the spot, so that a new cart may take its place (one open cart per account).
 */
export async function openCartOfAccount(db: Db, config: CartConfig, accountId: string): Promise<Cart | undefined> {
  const cart = await findOpenCartOfAccount(db, accountId);
  if (!cart || cart.status === 'checking_out' || expiresAt(cart, config) > new Date()) return cart;
  await expireCart(db, cart.id);
  return undefined;
}
