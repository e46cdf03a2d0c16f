import { problem, type Principal } from '@mercato/kit';
import { customersErrors } from '../errors.ts';

/** Staff who read, search and change every customer, company and group (admin always may). */
export const CUSTOMER_MANAGERS = { roles: ['customer-manager'] } as const;

/** Who may read groups: customer staff, and pricing staff who set group prices. */
export const GROUP_READERS = { roles: ['customer-manager', 'pricing-manager'] } as const;

/** The account behind a person's token; machine clients have no customer profile. */
export function accountOf(principal: Principal | null): string {
  if (!principal || principal.machine) throw problem(customersErrors.notAPerson);
  return principal.sub;
}
