import assert from 'node:assert/strict';
import { call } from '@mercato/testing';

export { ADMIN, call, login, assertProblem, type Answer } from '@mercato/testing';

/** A product body that passes validation. */
export function productBody(sku: string) {
  return {
    handle: `e2e-${sku.toLowerCase()}`,
    name: `E2E product ${sku}`,
    status: 'published',
    variants: [{ sku, name: `E2E ${sku}`, options: { size: 'M' } }],
  };
}

/** EUR with gross prices, 19 % VAT for DE and flat standard shipping (4.95): what the cart and order journeys sell with. */
export async function setUpEuroTaxAndShipping(base: string, admin: string): Promise<void> {
  const setup: Array<[string, unknown]> = [
    ['/api/pricing/currencies/EUR', { taxMode: 'gross' }],
    ['/api/pricing/tax-classes/standard', { name: 'Standard', isDefault: true }],
    ['/api/pricing/tax-zones/eu', { name: 'EU', countries: ['DE'] }],
    ['/api/pricing/tax-rates/eu/standard', { rateBp: 1900 }],
    ['/api/pricing/shipping-methods/standard', { name: 'Standard', rates: [{ zone: 'eu', currency: 'EUR', kind: 'flat', amount: 495 }] }],
  ];
  for (const [path, body] of setup) assert.ok([200, 201].includes((await call(base, 'PUT', path, { token: admin, body })).status), path);
}
