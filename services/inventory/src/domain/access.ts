/** Who manages warehouses, stock and adjustments (admin always may). */
export const INVENTORY_STAFF = { roles: ['inventory-manager'] } as const;

/** Who may hold, commit and release stock: staff, machine clients with the scope, other services. */
export const RESERVERS = { roles: ['inventory-manager'], scopes: ['inventory:reserve'], services: true } as const;
