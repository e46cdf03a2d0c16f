import { createHash, timingSafeEqual } from 'node:crypto';
import { satisfies, type Principal } from '@mercato/kit';

/** Staff who may read any checkout (admin always may). */
export const CHECKOUT_READERS = { roles: ['order-manager'], scopes: ['checkout:read'] } as const;

/** Who checks out: a signed-in person, or a guest known by their cart's token. */
export type Buyer = { kind: 'customer'; accountId: string } | { kind: 'guest'; cartToken: string };

/** The owner key of a checkout: the account, or a hash of the guest's cart token (the token is never stored). */
export function ownerOf(buyer: Buyer): string {
  return buyer.kind === 'customer' ? `account:${buyer.accountId}` : `guest:${createHash('sha256').update(buyer.cartToken).digest('hex')}`;
}

/** Whether the caller may read a checkout: its owner (by token or cart token) or staff. */
export function mayRead(owner: string, principal: Principal | null, cartToken: string | undefined): boolean {
  if (principal && satisfies(principal, CHECKOUT_READERS)) return true;
  const candidates = [
    ...(principal && !principal.machine ? [ownerOf({ kind: 'customer', accountId: principal.sub })] : []),
    ...(cartToken ? [ownerOf({ kind: 'guest', cartToken })] : []),
  ];
  return candidates.some((c) => c.length === owner.length && timingSafeEqual(Buffer.from(c), Buffer.from(owner)));
}

/** The card as shown and stored: brand and last four digits only. */
export function cardSummary(number: string): { brand: string; last4: string } {
  const brand = /^4/.test(number) ? 'visa' : /^(5[1-5]|2[2-7])/.test(number) ? 'mastercard' : /^3[47]/.test(number) ? 'amex' : 'card';
  return { brand, last4: number.slice(-4) };
}
