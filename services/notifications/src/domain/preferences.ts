/** Which emails a customer with an account wants. */
export interface EmailPreferences {
  orderConfirmation: boolean;
  shippingUpdates: boolean;
  refunds: boolean;
}

/** An account's preferences; `version` 0 means never saved (all defaults). */
export interface Preferences {
  accountId: string;
  email: EmailPreferences;
  version: number;
  updatedAt: Date | null;
}

export const DEFAULT_EMAIL_PREFERENCES: EmailPreferences = { orderConfirmation: true, shippingUpdates: true, refunds: true };
