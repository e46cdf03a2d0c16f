import assert from 'node:assert/strict';
import type { TestService } from '@mercato/testing';
import type { LightMyRequestResponse } from 'fastify';
import { deliverCategory, deliverProduct, ok, priceList } from './helpers.ts';

export const PROMOTIONS = '/api/pricing/promotions';
export const REDEMPTIONS = '/api/pricing/coupons/redemptions';

/**
 * A shop for promotion tests: EUR gross, 19 % everywhere, flat shipping 495, and
 * TEE 2000 (apparel, acme), SOCK 500 (apparel › socks, acme), MUG 1000 (home, other), BOOK 1000 (books › novels).
 */
export async function promotionShop(svc: TestService, staff: string): Promise<void> {
  await deliverCategory(svc, 'cat_apparel', ['cat_apparel']);
  await deliverCategory(svc, 'cat_socks', ['cat_apparel', 'cat_socks']);
  await deliverCategory(svc, 'cat_home', ['cat_home']);
  await deliverCategory(svc, 'cat_books', ['cat_books']);
  await deliverCategory(svc, 'cat_novels', ['cat_books', 'cat_novels']);
  await deliverProduct(svc, { id: 'prod_tee', categoryId: 'cat_apparel', brandId: 'brand_acme', variants: [{ sku: 'TEE' }] });
  await deliverProduct(svc, { id: 'prod_sock', categoryId: 'cat_socks', brandId: 'brand_acme', variants: [{ sku: 'SOCK' }] });
  await deliverProduct(svc, { id: 'prod_mug', categoryId: 'cat_home', brandId: 'brand_other', variants: [{ sku: 'MUG' }] });
  await deliverProduct(svc, { id: 'prod_book', categoryId: 'cat_novels', variants: [{ sku: 'BOOK' }] });
  await ok(svc, 'PUT', '/api/pricing/currencies/EUR', staff, { taxMode: 'gross' }, 201);
  await ok(svc, 'PUT', '/api/pricing/tax-classes/standard', staff, { name: 'Standard', isDefault: true });
  await ok(svc, 'PUT', '/api/pricing/tax-zones/eu', staff, { name: 'EU', countries: ['DE'] });
  await ok(svc, 'PUT', '/api/pricing/tax-rates/eu/standard', staff, { rateBp: 1900 });
  await ok(svc, 'PUT', '/api/pricing/shipping-methods/standard', staff, { name: 'Standard', rates: [{ zone: 'eu', currency: 'EUR', kind: 'flat', amount: 495 }] }, 201);
  await priceList(svc, staff, { code: 'base-eur', kind: 'base', currency: 'EUR' }, { TEE: 2000, SOCK: 500, MUG: 1000, BOOK: 1000 });
}

export async function createPromotion(svc: TestService, staff: string, body: Record<string, unknown>) {
  return ok(svc, 'POST', PROMOTIONS, staff, { name: String(body.code), currency: 'EUR', ...body }, 201);
}

export async function addCoupons(svc: TestService, staff: string, promotionId: string, body: Record<string, unknown>) {
  return (await ok(svc, 'POST', `${PROMOTIONS}/${promotionId}/coupons`, staff, body, 201)).items;
}

/** Runs `check` with the promotions created, and deletes them afterwards (so later tests do not see them). */
export async function withPromotions(svc: TestService, staff: string, bodies: Array<Record<string, unknown>>, check: (promotions: any[]) => Promise<void>) {
  const created = [];
  for (const body of bodies) created.push(await createPromotion(svc, staff, body));
  try {
    await check(created);
  } finally {
    for (const promotion of created) await ok(svc, 'DELETE', `${PROMOTIONS}/${promotion.id}`, staff, undefined, 204);
  }
}

export type Lines = Array<[sku: string, quantity: number]>;

export function quoteRequest(svc: TestService, lines: Lines, extra: Record<string, unknown> = {}, token?: string) {
  return svc.request('POST', '/api/pricing/quotes', {
    token,
    body: { currency: 'EUR', channel: 'web', shipping: { country: 'DE', method: 'standard' }, lines: lines.map(([sku, quantity]) => ({ sku, quantity })), ...extra },
  });
}

export async function quote(svc: TestService, lines: Lines, extra: Record<string, unknown> = {}, token?: string) {
  const response = await quoteRequest(svc, lines, extra, token);
  assert.equal(response.statusCode, 200, response.body);
  return response.json();
}

/** The discount of each quote line. */
export const lineDiscounts = (q: any) => q.lines.map((l: any) => l.discount);

export function assertProblem(response: LightMyRequestResponse, status: number, code: string, pointer?: string) {
  assert.equal(response.statusCode, status, response.body);
  const body = response.json();
  assert.equal(body.code, code, response.body);
  if (pointer) assert.ok(body.errors?.some((e: any) => e.pointer === pointer), `expected an error at ${pointer}: ${response.body}`);
  return body;
}
