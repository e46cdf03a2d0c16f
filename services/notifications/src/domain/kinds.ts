import type { EmailPreferences } from './preferences.ts';

/** The messages this service sends, one per kind of order event. */
export const KINDS = ['order-confirmation', 'order-shipped', 'order-refunded', 'order-cancelled'] as const;
export type Kind = (typeof KINDS)[number];

/**
 * The preference that can turn a kind off for a customer with an account. A cancellation has none:
 * it tells the customer an order they are waiting for will not come and that their money is
 * returned, so it is always sent.
 */
export const PREFERENCE_OF: Record<Kind, keyof EmailPreferences | null> = {
  'order-confirmation': 'orderConfirmation',
  'order-shipped': 'shippingUpdates',
  'order-refunded': 'refunds',
  'order-cancelled': null,
};
