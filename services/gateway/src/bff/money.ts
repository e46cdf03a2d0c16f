import { formatMoney } from '@mercato/kit';

/** Money as clients show it: integer minor units, the currency, and an English display string. */
export interface Money {
  amount: number;
  currency: string;
  formatted: string;
}

/** `money(2499, 'EUR')` → `{ amount: 2499, currency: 'EUR', formatted: '€24.99' }`. */
export function money(amount: number, currency: string): Money {
  return { amount, currency, formatted: formatMoney(amount, currency, 'en') };
}
