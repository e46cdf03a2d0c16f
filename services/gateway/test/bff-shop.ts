import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { ADMIN, call, eventually, login, startPlatform, type Answer, type TestPlatform } from '@mercato/testing';

export { assertProblem, call, login, type Answer } from '@mercato/testing';

/** The whole platform (embedded) with the seeded demo catalog sellable and searchable, for the BFF tests. */
export interface Shop {
  platform: TestPlatform;
  url: string;
  admin: string;
}

export async function startShop(): Promise<Shop> {
  const platform = await startPlatform('embedded', { seed: true });
  const admin = await login(platform.url, ADMIN.email, ADMIN.password);
  await makeSellable(platform.url, admin);
  // Search learns the catalog from its events, in the background.
  await eventually(async () => (await call(platform.url, 'GET', '/api/search/products?limit=1')).body?.total >= 100, 60_000, 200);
  return { platform, url: platform.url, admin };
}

/** EUR list prices (9.90 to 149.90) and stock for every seeded SKU; 20 % VAT and flat shipping for DE. */
async function makeSellable(base: string, admin: string): Promise<void> {
  const write = async (method: string, path: string, body: unknown) => {
    let answer: Answer | undefined;
    // Pricing and inventory learn the seeded SKUs from catalog events: retry while they are unknown.
    await eventually(async () => (answer = await call(base, method, path, { token: admin, body })).status !== 422, 30_000, 200);
    assert.ok(answer!.status < 300, `${method} ${path}: ${JSON.stringify(answer!.body)}`);
    return answer!.body;
  };
  await write('PUT', '/api/pricing/currencies/EUR', { taxMode: 'gross' });
  await write('PUT', '/api/pricing/tax-classes/standard', { name: 'Standard', isDefault: true });
  await write('PUT', '/api/pricing/tax-zones/eu', { name: 'EU', countries: ['DE'] });
  await write('PUT', '/api/pricing/tax-rates/eu/standard', { rateBp: 2000 });
  await write('PUT', '/api/pricing/shipping-methods/standard', { name: 'Standard', rates: [{ zone: 'eu', currency: 'EUR', kind: 'flat', amount: 495 }] });

  const skus: string[] = [];
  let cursor: string | null = null;
  do {
    const page: Answer = await call(base, 'GET', `/api/catalog/products?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    for (const product of page.body.items) skus.push(...product.variants.map((v: { sku: string }) => v.sku));
    cursor = page.body.nextCursor;
  } while (cursor);
  const list = await write('POST', '/api/pricing/price-lists', { code: 'demo-base-eur', name: 'List prices', kind: 'base', currency: 'EUR' });
  for (let i = 0; i < skus.length; i += 500) {
    const items = skus.slice(i, i + 500).map((sku, j) => ({ sku, tiers: [{ minQuantity: 1, amount: 990 + (((i + j) * 7919) % 15) * 1000 }] }));
    await write('PUT', `/api/pricing/price-lists/${list.id}/prices`, { items });
  }
  const lines = skus.map((sku) => ({ sku, quantity: 20 }));
  for (let i = 0; i < lines.length; i += 1000) {
    await write('POST', '/api/inventory/receipts', { warehouse: 'MAIN', reason: 'opening stock', lines: lines.slice(i, i + 1000) });
  }
}

/** Requests that reached a service's routes, from its Prometheus counter (read through the gateway). */
export async function requestCounts(shop: Shop, service: string): Promise<Map<string, number>> {
  const response = await fetch(`${shop.url}/services/${service}/metrics`, { headers: { authorization: `Bearer ${shop.admin}` } });
  assert.equal(response.status, 200);
  const counts = new Map<string, number>();
  for (const line of (await response.text()).split('\n')) {
    const match = /^http_requests_total\{(.*)\} (\d+(?:\.\d+)?)$/.exec(line);
    const route = match && /route="([^"]*)"/.exec(match[1]!)?.[1];
    if (route) counts.set(route, (counts.get(route) ?? 0) + Number(match![2]));
  }
  return counts;
}

/** A POST to /graphql; the answer's body is the GraphQL response. */
export function graphql(shop: Shop, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  return call(shop.url, 'POST', '/graphql', { body: { query, variables }, headers });
}

export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export const ADDRESS = { name: 'Erika Mustermann', line1: 'Heidestraße 17', postalCode: '51147', city: 'Köln', country: 'DE' };
export const CARDS = { approve: '4242 4242 4242 4242', decline: '4000 0000 0000 0002' };
