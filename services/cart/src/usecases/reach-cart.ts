import { problem } from '@mercato/kit';
import type { CartConfig } from '../config.ts';
import { expiresAt, mayReach, type CartCaller } from '../domain/access.ts';
import type { Cart } from '../domain/cart.ts';
import { cartErrors } from '../errors.ts';
import { expireCart, findCart, findOpenCartOfAccount } from '../store/carts.store.ts';
import type { Db } from '../store/context.ts';

export const cartNotFound = (id: string) => problem(cartErrors.cartNotFound, `No open cart ${id} is yours`);

/**
 * The open cart if the caller may reach it. Someone else's cart, a closed one and one past its
 * expiry (not yet swept) all answer the same 404 as a cart that never existed.
 */
export async function reachCart(db: Db, config: CartConfig, id: string, caller: CartCaller): Promise<Cart> {
  const cart = await findCart(db, id);
  if (!cart || cart.status !== 'open' || !mayReach(cart, caller) || expiresAt(cart, config) <= new Date()) throw cartNotFound(id);
  return cart;
}

/**
 * The account's open cart, if it has one that has not expired. One found past its expiry is closed
 * on the spot, so that a new cart may take its place (one open cart per account).
 */
export async function openCartOfAccount(db: Db, config: CartConfig, accountId: string): Promise<Cart | undefined> {
  const cart = await findOpenCartOfAccount(db, accountId);
  if (!cart || expiresAt(cart, config) > new Date()) return cart;
  await expireCart(db, cart.id);
  return undefined;
}
