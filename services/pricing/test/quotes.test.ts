import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestService } from '@mercato/testing';
import { deliverCategory, deliverProduct, ok, priceList, startPricing } from './helpers.ts';

const QUOTE = '/api/pricing/quotes';

describe('pricing: quotes with tax and shipping', () => {
  let svc: TestService;
  let staff: string;

  before(async () => {
    svc = await startPricing();
    staff = await svc.issuer.mint({ sub: 'acct_staff', roles: ['pricing-manager'] });
    await deliverCategory(svc, 'cat_books', ['cat_books']);
    await deliverCategory(svc, 'cat_novels', ['cat_books', 'cat_novels']);
    await deliverProduct(svc, { id: 'prod_tee', variants: [{ sku: 'TEE', weightGrams: 300 }] });
    await deliverProduct(svc, { id: 'prod_book', categoryId: 'cat_novels', variants: [{ sku: 'BOOK', weightGrams: 500 }] });
    await deliverProduct(svc, { id: 'prod_ebook', variants: [{ sku: 'EBOOK' }] });

    await ok(svc, 'PUT', '/api/pricing/currencies/EUR', staff, { taxMode: 'gross' }, 201);
    await ok(svc, 'PUT', '/api/pricing/currencies/USD', staff, { taxMode: 'net' }, 201);
    await ok(svc, 'PUT', '/api/pricing/tax-classes/standard', staff, { name: 'Standard', isDefault: true });
    await ok(svc, 'PUT', '/api/pricing/tax-classes/reduced', staff, { name: 'Reduced' });
    await ok(svc, 'PUT', '/api/pricing/tax-zones/eu', staff, { name: 'EU', countries: ['DE', 'FR'] });
    await ok(svc, 'PUT', '/api/pricing/tax-zones/us', staff, { name: 'United States', countries: ['US'] });
    await ok(svc, 'PUT', '/api/pricing/tax-rates/eu/standard', staff, { rateBp: 1900 });
    await ok(svc, 'PUT', '/api/pricing/tax-rates/eu/reduced', staff, { rateBp: 700 });
    await ok(svc, 'PUT', '/api/pricing/tax-rates/us/standard', staff, { rateBp: 825 });
    await ok(svc, 'PUT', '/api/pricing/category-tax-classes/cat_books', staff, { taxClass: 'reduced' });

    await ok(svc, 'PUT', '/api/pricing/shipping-methods/standard', staff, {
      name: 'Standard',
      rates: [
        { zone: 'eu', currency: 'EUR', kind: 'flat', amount: 495, freeOver: 5000 },
        { zone: 'us', currency: 'USD', kind: 'flat', amount: 800 },
      ],
    }, 201);
    await ok(svc, 'PUT', '/api/pricing/shipping-methods/parcel', staff, {
      name: 'Parcel by weight',
      rates: [{ zone: 'eu', currency: 'EUR', kind: 'weight', bands: [{ maxGrams: 5000, amount: 990 }, { maxGrams: 1000, amount: 490 }] }],
    }, 201);

    await priceList(svc, staff, { code: 'base-eur', kind: 'base', currency: 'EUR' }, { TEE: 2000, BOOK: 1000, EBOOK: 500 });
    await priceList(svc, staff, { code: 'base-usd', kind: 'base', currency: 'USD' }, { TEE: 1000, BOOK: 1999 });
  });
  after(() => svc.stop());

  const quote = (body: Record<string, unknown>) =>
    svc.request('POST', QUOTE, { body: { currency: 'EUR', channel: 'web', shipping: { country: 'DE', method: 'standard' }, ...body } });
  const quoted = async (body: Record<string, unknown>) => {
    const response = await quote(body);
    assert.equal(response.statusCode, 200, response.body);
    return response.json();
  };

  it('net prices: tax on top per line (half-even), shipping taxed too; lines − discounts + tax + shipping = grand total', async () => {
    const missing = await quote({ currency: 'USD', shipping: { country: 'US', method: 'standard' }, lines: [{ sku: 'TEE', quantity: 2 }, { sku: 'BOOK', quantity: 1 }] });
    assert.equal(missing.statusCode, 422);
    assert.equal(missing.json().code, 'missing-tax-rate');
    assert.equal(missing.json().errors[0].pointer, 'body/lines/1/sku');

    await ok(svc, 'PUT', '/api/pricing/tax-rates/us/reduced', staff, { rateBp: 0 });
    const q = await quoted({ currency: 'USD', shipping: { country: 'US', method: 'standard' }, lines: [{ sku: 'TEE', quantity: 2 }, { sku: 'BOOK', quantity: 1 }] });
    assert.equal(q.taxMode, 'net');
    assert.deepEqual(q.lines.map((l: any) => [l.sku, l.unitPrice, l.lineTotal, l.tax.taxClass, l.tax.amount]), [['TEE', 1000, 2000, 'standard', 165], ['BOOK', 1999, 1999, 'reduced', 0]]);
    assert.equal(q.subtotal, 3999);
    assert.equal(q.discountTotal, 0);
    assert.deepEqual(q.shipping, { method: 'standard', amount: 800, discount: 0, free: false, weightGrams: 1100, tax: { taxClass: 'standard', rateBp: 825, amount: 66 } });
    assert.equal(q.taxTotal, 231);
    assert.equal(q.grandTotal, 3999 - 0 + 231 + 800);
    assert.deepEqual(q.taxBreakdown, [
      { taxClass: 'reduced', rateBp: 0, taxableAmount: 1999, tax: 0 },
      { taxClass: 'standard', rateBp: 825, taxableAmount: 2800, tax: 231 },
    ]);
  });

  it('gross prices: tax is the part included, per line; the category tree gives books the reduced rate', async () => {
    const q = await quoted({ lines: [{ sku: 'TEE', quantity: 1 }, { sku: 'BOOK', quantity: 1 }] });
    assert.equal(q.taxMode, 'gross');
    assert.equal(q.taxZone, 'eu');
    // 2000 gross at 19 %: net round(1680.67) = 1681, tax 319; 1000 at 7 %: net round(934.58) = 935, tax 65.
    assert.deepEqual(q.lines.map((l: any) => [l.sku, l.tax.taxClass, l.tax.rateBp, l.tax.amount]), [['TEE', 'standard', 1900, 319], ['BOOK', 'reduced', 700, 65]]);
    // Shipping 495 gross: net round(415.97) = 416, tax 79.
    assert.deepEqual(q.shipping.tax, { taxClass: 'standard', rateBp: 1900, amount: 79 });
    assert.equal(q.subtotal, 3000);
    assert.equal(q.taxTotal, 319 + 65 + 79);
    assert.equal(q.grandTotal, 3000 + 495, 'gross: the grand total already includes the tax');
  });

  it('flat shipping becomes free once the goods reach the threshold', async () => {
    const below = await quoted({ lines: [{ sku: 'TEE', quantity: 2 }, ] });
    assert.deepEqual([below.subtotal, below.shipping.amount, below.shipping.free, below.grandTotal], [4000, 495, false, 4495]);
    const reached = await quoted({ lines: [{ sku: 'TEE', quantity: 2 }, { sku: 'BOOK', quantity: 1 }] });
    assert.deepEqual([reached.subtotal, reached.shipping.amount, reached.shipping.free, reached.shipping.tax.amount], [5000, 0, true, 0]);
    assert.equal(reached.grandTotal, 5000);
  });

  it('weight-band shipping picks the first band that covers the weight, and refuses a shipment over the last', async () => {
    const light = await quoted({ shipping: { country: 'FR', method: 'parcel' }, lines: [{ sku: 'TEE', quantity: 2 }] });
    assert.deepEqual([light.shipping.weightGrams, light.shipping.amount], [600, 490]);
    const exact = await quoted({ shipping: { country: 'FR', method: 'parcel' }, lines: [{ sku: 'TEE', quantity: 1 }, { sku: 'BOOK', quantity: 1 }] });
    assert.deepEqual([exact.shipping.weightGrams, exact.shipping.amount], [800, 490]);
    const heavier = await quoted({ shipping: { country: 'FR', method: 'parcel' }, lines: [{ sku: 'TEE', quantity: 4 }] });
    assert.deepEqual([heavier.shipping.weightGrams, heavier.shipping.amount], [1200, 990]);
    const tooHeavy = await quote({ shipping: { country: 'FR', method: 'parcel' }, lines: [{ sku: 'TEE', quantity: 20 }] });
    assert.equal(tooHeavy.statusCode, 422);
    assert.equal(tooHeavy.json().code, 'shipping-unavailable');
    assert.equal(tooHeavy.json().errors[0].pointer, 'body/shipping/method');
    const noWeight = await quote({ shipping: { country: 'FR', method: 'parcel' }, lines: [{ sku: 'EBOOK', quantity: 1 }] });
    assert.equal(noWeight.statusCode, 422);
    assert.equal(noWeight.json().code, 'unknown-weight');
  });

  it('refuses a quote with an unknown SKU, a country outside every zone, or a method that does not deliver there', async () => {
    const unknown = await quote({ lines: [{ sku: 'TEE', quantity: 1 }, { sku: 'GHOST', quantity: 1 }] });
    assert.equal(unknown.statusCode, 422);
    assert.equal(unknown.json().code, 'unknown-sku');
    assert.equal(unknown.json().errors[0].pointer, 'body/lines/1/sku');
    const country = await quote({ shipping: { country: 'JP', method: 'standard' }, lines: [{ sku: 'TEE', quantity: 1 }] });
    assert.equal(country.statusCode, 422);
    assert.equal(country.json().code, 'unsupported-country');
    assert.equal(country.json().errors[0].pointer, 'body/shipping/country');
    const method = await quote({ currency: 'USD', shipping: { country: 'US', method: 'parcel' }, lines: [{ sku: 'TEE', quantity: 1 }] });
    assert.equal(method.statusCode, 422);
    assert.equal(method.json().code, 'shipping-unavailable');
    const quantity = await quote({ lines: [{ sku: 'TEE', quantity: -2 }] });
    assert.equal(quantity.statusCode, 400);
    assert.equal(quantity.json().errors[0].pointer, 'body/lines/0/quantity');
  });

  it('refuses to change the tax mode of a currency that lists already use', async () => {
    const response = await svc.request('PUT', '/api/pricing/currencies/EUR', { token: staff, body: { taxMode: 'net' } });
    assert.equal(response.statusCode, 409);
    assert.equal(response.json().code, 'currency-in-use');
  });
});
