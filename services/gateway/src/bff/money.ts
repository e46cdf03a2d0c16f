/** Money as clients show it: integer minor units, the currency, and an English display string. */
export interface Money {
  amount: number;
  currency: string;
  formatted: string;
}

const formats = new Map<string, { format: Intl.NumberFormat; minorUnits: number }>();

function formatFor(currency: string) {
  let entry = formats.get(currency);
  if (!entry) {
    const format = new Intl.NumberFormat('en', { style: 'currency', currency });
    entry = { format, minorUnits: format.resolvedOptions().maximumFractionDigits ?? 2 };
    formats.set(currency, entry);
  }
  return entry;
}

/** `money(2499, 'EUR')` → `{ amount: 2499, currency: 'EUR', formatted: '€24.99' }`. */
export function money(amount: number, currency: string): Money {
  const { format, minorUnits } = formatFor(currency);
  return { amount, currency, formatted: format.format(amount / 10 ** minorUnits) };
}
