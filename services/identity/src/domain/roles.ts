/** Every role an account can hold. */
export const ROLES = ['customer', 'admin', 'catalog-manager', 'order-manager', 'pricing-manager', 'inventory-manager', 'payments-manager', 'notifications-manager', 'customer-service', 'customer-manager'] as const;

/** A role an account can hold. */
export type Role = (typeof ROLES)[number];

/** Roles a newly registered account gets. */
export const DEFAULT_ROLES: Role[] = ['customer'];

/** Access rule of the identity administration routes (admin is a super-role in the kit). */
export const ADMINS = { roles: ['admin'] } as const;
