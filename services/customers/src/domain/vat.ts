/** A VAT id as stored and compared: upper case, without spaces, dots or dashes ("de 123.456.789" → "DE123456789"). */
export function normalizeVatId(vatId: string): string {
  return vatId.replace(/[\s.-]/g, '').toUpperCase();
}
