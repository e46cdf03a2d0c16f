// Building an Intl.NumberFormat costs far more than using one: one per currency (and locale) is kept.
// Shared by every service that shows money to people (emails, the BFFs).
const digitsByCurrency = new Map<string, number>();
const formats = new Map<string, Intl.NumberFormat>();

/** Digits after the decimal point of a currency (EUR 2, JPY 0, BHD 3), as ISO 4217 and ICU define them. */
export function minorDigits(currency: string): number {
  let digits = digitsByCurrency.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    digitsByCurrency.set(currency, digits);
  }
  return digits;
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
  const key = `${locale} ${currency}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay: 'narrowSymbol', minimumFractionDigits: digits, maximumFractionDigits: digits });
    formats.set(key, format);
  }
  return format.format(`${sign}${decimal}` as unknown as number);
}
