/** Who manages price lists, taxes and shipping (admin always may). */
export const PRICING_MANAGERS = { roles: ['pricing-manager'] } as const;

/**
 * Who may price for an account other than their own (the `accountId` field): staff, machine clients
 * with the scope, and other services the topology lets call pricing (the cart).
 */
export const PRICING_ON_BEHALF = { roles: ['pricing-manager'], scopes: ['pricing:quote'] } as const;

/** Who may redeem coupons (reserve, commit, release a use): checkout services, staff, `pricing:write` clients. */
export const REDEEMERS = { roles: ['pricing-manager'], scopes: ['pricing:write'], services: true } as const;
