import assert from 'node:assert/strict';

/** The admin password every test platform seeds (see packages/testing). */
export const ADMIN = { email: 'admin@mercato.local', password: 'admin-password-for-tests' };

/** A parsed HTTP answer. */
export interface Answer {
  status: number;
  headers: Headers;
  body: any;
}

/** A JSON request against the platform's public origin. */
export async function call(base: string, method: string, path: string, options: { token?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Answer> {
  const response = await fetch(base + path, {
    method,
    headers: {
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    ...(options.body !== undefined ? { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) } : {}),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON */
  }
  return { status: response.status, headers: response.headers, body };
}

/** Logs in through the first-party login API and returns the access token. */
export async function login(base: string, email: string, password: string): Promise<string> {
  const answer = await call(base, 'POST', '/api/identity/login', { body: { email, password } });
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return answer.body.access_token as string;
}

/** Asserts an RFC 9457 problem answer with the given status (and code, when given). */
export function assertProblem(answer: Answer, status: number, code?: string): void {
  assert.equal(answer.status, status, JSON.stringify(answer.body));
  assert.match(answer.headers.get('content-type') ?? '', /^application\/problem\+json/);
  assert.equal(answer.body.status, status);
  assert.match(answer.body.type, /^https:\/\/mercato\.dev\/problems\//);
  if (code) assert.equal(answer.body.code, code);
}

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
