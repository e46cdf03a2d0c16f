/** Digits after the decimal point of a currency (EUR 2, JPY 0, BHD 3), as ISO 4217 and ICU define them. */
export function minorDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/**
 * Formats an integer amount of minor units, e.g. 123456 EUR → "€1,234.56", 1200 JPY → "¥1,200".
 * The amount is turned into an exact decimal string first: no float ever touches the value.
 */
export function formatMoney(minor: number, currency: string, locale: string): string {
  const digits = minorDigits(currency);
  const sign = minor < 0 ? '-' : '';
  const units = String(Math.abs(minor)).padStart(digits + 1, '0');
  const decimal = digits === 0 ? units : `${units.slice(0, -digits)}.${units.slice(-digits)}`;
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay: 'narrowSymbol', minimumFractionDigits: digits, maximumFractionDigits: digits });
  return format.format(`${sign}${decimal}` as unknown as number);
}
