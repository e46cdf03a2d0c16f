import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { categoryUpserted, customerUpserted, productUpserted } from '@mercato/contracts';
import type { CloudEvent } from '@mercato/kit';
import { startTestService, type TestService } from '@mercato/testing';
import { sql, type Kysely } from 'kysely';
import pricing from '../src/main.ts';

export const startPricing = (): Promise<TestService> => startTestService(pricing);

const sequences = new Map<string, number>();

function envelope(source: string, type: string, subject: string, data: unknown): CloudEvent {
  const sequence = (sequences.get(`${source} ${subject}`) ?? 0) + 1;
  sequences.set(`${source} ${subject}`, sequence);
  return { specversion: '1.0', id: randomUUID(), source, type, subject, time: new Date().toISOString(), datacontenttype: 'application/json', sequence, data };
}

/** Delivers a catalog product (one variant per SKU) to pricing, as the catalog's relay would. */
export async function deliverProduct(
  svc: TestService,
  product: { id: string; categoryId?: string | null; brandId?: string | null; variants: Array<{ sku: string; weightGrams?: number | null }> },
  version = 1,
): Promise<void> {
  const now = new Date().toISOString();
  const data = {
    id: product.id,
    handle: product.id,
    name: product.id,
    description: '',
    status: 'published',
    categoryId: product.categoryId ?? null,
    brandId: product.brandId ?? null,
    channels: [],
    attributes: {},
    media: [],
    variants: product.variants.map((v, i) => ({ id: `var_${product.id}_${i}`, sku: v.sku, name: v.sku, options: {}, attributes: {}, weightGrams: v.weightGrams ?? null })),
    version,
    createdAt: now,
    updatedAt: now,
  };
  await svc.bus.publish([envelope('/mercato/catalog', productUpserted.type, product.id, data)]);
}

export async function deliverCategory(svc: TestService, id: string, path: string[]): Promise<void> {
  const data = { id, slug: id, name: id, parentId: path.length > 1 ? path.at(-2)! : null, path, position: 0, version: 1 };
  await svc.bus.publish([envelope('/mercato/catalog', categoryUpserted.type, id, data)]);
}

/** Delivers a customer's state (account, company, effective groups) from the customers service. */
export async function deliverCustomer(
  svc: TestService,
  customer: { id: string; accountId: string; companyId?: string | null; effectiveGroups?: string[]; version?: number },
): Promise<void> {
  const groups = customer.effectiveGroups ?? [];
  const data = {
    id: customer.id,
    accountId: customer.accountId,
    companyId: customer.companyId ?? null,
    groups,
    effectiveGroups: groups,
    version: customer.version ?? 1,
    updatedAt: new Date().toISOString(),
  };
  await svc.bus.publish([envelope('/mercato/customers', customerUpserted.type, customer.id, data)]);
}

/** A request that must succeed with `status`; returns the JSON body. */
export async function ok(svc: TestService, method: string, url: string, token: string | undefined, body?: unknown, status = 200, headers?: Record<string, string>) {
  const response = await svc.request(method, url, { token, body, headers });
  assert.equal(response.statusCode, status, `${method} ${url}: ${response.body}`);
  return response.statusCode === 204 ? undefined : response.json();
}

/** Creates a price list and fills it with prices ({ sku: amount } or { sku: [[minQty, amount], …] }). */
export async function priceList(svc: TestService, token: string, list: Record<string, unknown>, prices: Record<string, number | Array<[number, number]>>) {
  const created = await ok(svc, 'POST', '/api/pricing/price-lists', token, { name: String(list.code), ...list }, 201);
  const items = Object.entries(prices).map(([sku, value]) => ({
    sku,
    tiers: typeof value === 'number' ? [{ minQuantity: 1, amount: value }] : value.map(([minQuantity, amount]) => ({ minQuantity, amount })),
  }));
  if (items.length > 0) await ok(svc, 'PUT', `/api/pricing/price-lists/${created.id}/prices`, token, { items });
  return created as { id: string; version: number };
}

/** What the service has published so far, optionally of one type. */
export async function published(svc: TestService, type?: string): Promise<CloudEvent<any>[]> {
  const db = svc.service.context.db as Kysely<any>;
  const { rows } = await sql<{ envelope: CloudEvent }>`select envelope from kit_outbox order by position`.execute(db);
  return rows.map((r) => r.envelope).filter((e) => !type || e.type === type);
}

/** Row counts of the tables a bad request must not change. */
export async function snapshot(svc: TestService) {
  const db = svc.service.context.db as Kysely<any>;
  const { rows } = await sql<{ n: string }>`select (select count(*) from prices) || '/' || (select count(*) from price_lists) || '/' || (select count(*) from kit_outbox) as n`.execute(db);
  return rows[0]!.n;
}
