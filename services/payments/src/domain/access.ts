/** Who may read and move payments: payments staff (admin always may), machine clients with the scope, other services. */
export const PAYMENT_READERS = { roles: ['payments-manager'], scopes: ['payments:read', 'payments:write'], services: true } as const;
export const PAYMENT_WRITERS = { roles: ['payments-manager'], scopes: ['payments:write'], services: true } as const;
