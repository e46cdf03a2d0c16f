import { problem, type Principal } from '@mercato/kit';
import { notificationsErrors } from '../errors.ts';

/** Staff who read the delivery log and its messages (admin always may), and machine clients with the read scope. */
export const DELIVERY_READERS = { roles: ['notifications-manager'], scopes: ['notifications:read'] } as const;

/** Who may send a failed delivery again. */
export const DELIVERY_WRITERS = { roles: ['notifications-manager'], scopes: ['notifications:write'] } as const;

/** The account behind a person's token; machine clients have no preferences or deliveries of their own. */
export function accountOf(principal: Principal | null): string {
  if (!principal || principal.machine) throw problem(notificationsErrors.noPersonalNotifications);
  return principal.sub;
}
