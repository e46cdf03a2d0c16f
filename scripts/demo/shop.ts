/**
 * Makes the freshly seeded demo catalog sellable, through the public API as an operator would:
 * EUR prices (gross) for every demo SKU, taxes and shipping for a few EU countries. Runs once, right
 * after the first start; pricing's own seed cannot do it, because pricing learns the demo SKUs from
 * catalog events only after it started. Opening stock: one goods receipt per 1,000 SKUs into the
 * demo warehouse.
 */
const COUNTRIES = ['AT', 'BE', 'DE', 'ES', 'FR', 'IT', 'NL'];
const KNOWN_WITHIN_MS = 30_000;
/** The warehouse the inventory service seeds. */
const WAREHOUSE = 'MAIN';
const RECEIPT_LINES = 1000;

export async function seedDemoShop(baseUrl: string, admin: { email: string; password: string }): Promise<string> {
  const login = await call(baseUrl, 'POST', '/api/identity/login', undefined, admin);
  const api = (method: string, path: string, body?: unknown) => call(baseUrl, method, path, login.access_token, body);

  await api('PUT', '/api/pricing/currencies/EUR', { taxMode: 'gross' });
  await api('PUT', '/api/pricing/tax-classes/standard', { name: 'Standard', isDefault: true });
  await api('PUT', '/api/pricing/tax-zones/eu', { name: 'EU (demo)', countries: COUNTRIES });
  await api('PUT', '/api/pricing/tax-rates/eu/standard', { rateBp: 2000 });
  await api('PUT', '/api/pricing/shipping-methods/standard', {
    name: 'Standard (2–4 days)',
    rates: [{ zone: 'eu', currency: 'EUR', kind: 'flat', amount: 495, freeOver: 7500 }],
  });
  await api('PUT', '/api/pricing/shipping-methods/express', {
    name: 'Express (next day)',
    rates: [{ zone: 'eu', currency: 'EUR', kind: 'flat', amount: 1290 }],
  });

  const skus = await demoSkus(baseUrl);
  const list = await api('POST', '/api/pricing/price-lists', { code: 'demo-base-eur', name: 'Demo list prices (EUR)', kind: 'base', currency: 'EUR' });
  const items = skus.map((sku, i) => ({ sku, tiers: [{ minQuantity: 1, amount: demoPrice(i) }] }));
  for (let i = 0; i < items.length; i += 500) {
    const chunk = items.slice(i, i + 500);
    await untilSkusKnown(() => api('PUT', `/api/pricing/price-lists/${list.id}/prices`, { items: chunk }));
  }

  for (let i = 0; i < skus.length; i += RECEIPT_LINES) {
    const lines = skus.slice(i, i + RECEIPT_LINES).map((sku, j) => ({ sku, quantity: demoStock(i + j) }));
    await untilSkusKnown(() => api('POST', '/api/inventory/receipts', { warehouse: WAREHOUSE, reason: 'demo opening stock', lines }));
  }
  return `Demo shop: EUR prices and stock for ${skus.length} SKUs; tax and shipping for ${COUNTRIES.join(', ')} (standard, express)`;
}

/** A deterministic spread of shelf prices, 9.90 to 149.90 EUR. */
function demoPrice(index: number): number {
  return 990 + ((index * 7919) % 15) * 1000;
}

/** Opening stock 5 to 100 units, a few SKUs scarce so the storefront shows low stock. */
function demoStock(index: number): number {
  return 5 + ((index * 104729) % 20) * 5;
}

async function demoSkus(baseUrl: string): Promise<string[]> {
  const skus: string[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: Array<{ variants: Array<{ sku: string }> }>; nextCursor: string | null } = await call(
      baseUrl,
      'GET',
      `/api/catalog/products?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    for (const product of page.items) skus.push(...product.variants.map((v) => v.sku));
    cursor = page.nextCursor;
  } while (cursor);
  return skus;
}

/** Retries while the service has not yet heard of the SKUs (catalog events still on their way). */
async function untilSkusKnown<T>(write: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + KNOWN_WITHIN_MS;
  for (;;) {
    try {
      return await write();
    } catch (error) {
      const unknownSku = error instanceof ApiError && error.status === 422 && /unknown-sku|sku-not-in-catalog/.test(error.body);
      if (!unknownSku || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
    what: string,
  ) {
    super(`${what}: ${status} ${body}`);
  }
}

async function call(baseUrl: string, method: string, path: string, token?: string, body?: unknown): Promise<any> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  if (!response.ok) throw new ApiError(response.status, text, `${method} ${path}`);
  return text ? JSON.parse(text) : undefined;
}
