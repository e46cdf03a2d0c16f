import { satisfies, type Principal } from '@mercato/kit';

/** Who works the orders: approve, prepare, ship, deliver, cancel, refund, notes, addresses (admin always may). */
export const ORDER_STAFF = { roles: ['order-manager'], scopes: ['orders:write'] } as const;
/** Who reads every order (the staff board). */
export const ORDER_READERS = { roles: ['order-manager'], scopes: ['orders:read', 'orders:write'] } as const;
/** Who places orders: the checkout service (and admin). */
export const ORDER_PLACERS = { roles: ['admin'], services: true } as const;
/** Who rebuilds and inspects read models. */
export const ORDER_ADMIN = { roles: ['admin'] } as const;

/** Whether the caller sees every order (staff), not only their own. */
export function isOrderStaff(principal: Principal | null): boolean {
  return principal !== null && satisfies(principal, ORDER_READERS);
}

/** A customer reaches their own orders; staff reach all; anyone else gets a 404 (no existence leak). */
export function mayRead(principal: Principal | null, accountId: string | null): boolean {
  if (isOrderStaff(principal)) return true;
  return principal !== null && !principal.machine && accountId !== null && principal.sub === accountId;
}

/** Who caused an event: the token's subject, else the calling service. */
export function actorOf(principal: Principal | null, callerService: string | undefined): string {
  if (principal) return principal.sub;
  return callerService ? `service:${callerService}` : 'anonymous';
}
