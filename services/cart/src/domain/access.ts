import type { Principal } from '@mercato/kit';
import type { CartConfig } from '../config.ts';
import type { Cart } from './cart.ts';
import { tokenMatches } from './token.ts';

/** Who asks for a cart: the verified token's person (if any) and the presented cart token (if any). */
export interface CartCaller {
  principal: Principal | null;
  cartToken: string | undefined;
}

/** The account of a signed-in person; machine clients have no cart of their own. */
export function personOf(principal: Principal | null): string | undefined {
  return principal && !principal.machine ? principal.sub : undefined;
}

/** A customer cart is reached by its owner only, a guest cart with its secret token only. */
export function mayReach(cart: Cart, caller: CartCaller): boolean {
  if (cart.accountId !== null) return personOf(caller.principal) === cart.accountId;
  return tokenMatches(caller.cartToken, cart.tokenHash);
}

/** When an open cart expires: its last activity plus the guest or customer time to live. */
export function expiresAt(cart: Pick<Cart, 'accountId' | 'lastActiveAt'>, config: CartConfig): Date {
  const days = cart.accountId === null ? config.CART_GUEST_TTL_DAYS : config.CART_CUSTOMER_TTL_DAYS;
  return new Date(cart.lastActiveAt.getTime() + days * 86_400_000);
}
