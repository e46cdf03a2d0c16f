import type { ProblemSpec } from '@mercato/kit';

/**
 * Pricing's problems the cart raises itself, with pricing's codes (documented in pricing's
 * catalog): the same condition answers the same code whether the quote or the cart noticed it.
 */
export const pricingProblems = {
  unknownSku: { code: 'unknown-sku', status: 422, title: 'The SKU is not in the catalog' },
  unpricedSku: { code: 'unpriced-sku', status: 422, title: 'No price list prices the SKU for this customer, currency, channel and time' },
  unsupportedCurrency: { code: 'unsupported-currency', status: 422, title: 'The currency is not enabled for selling' },
} satisfies Record<string, ProblemSpec>;
