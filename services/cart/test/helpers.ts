import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { customerUpserted, productUpserted } from '@mercato/contracts';
import { type CloudEvent, type InProcessBus, type RunningService, type ServiceDefinition, type Topology } from '@mercato/kit';
import { startTestServices, type TestIssuer, TOPOLOGY_MODULE } from '@mercato/testing';
import type { LightMyRequestResponse } from 'fastify';
import { sql, type Kysely } from 'kysely';
import cart from '../src/main.ts';

/** The cart and the pricing service it calls, wired in-process on fresh databases, trusting one test issuer. */
export interface CartRig {
  services: Record<string, RunningService>;
  cart: RunningService;
  pricing: RunningService;
  bus: InProcessBus;
  issuer: TestIssuer;
  /** A JSON request to the cart (or, with `service: 'pricing'`, to pricing). */
  request(method: string, url: string, options?: { token?: string; body?: unknown; headers?: Record<string, string>; service?: 'cart' | 'pricing' }): Promise<LightMyRequestResponse>;
  stop(): Promise<void>;
}

/**
 * Pricing is started from its topology entry, as the launchers start it (`startPlatform` does the
 * same): the cart's code never imports another service's, only runs next to it.
 */
async function loadPricing(): Promise<ServiceDefinition<any>> {
  const { topology } = (await import(TOPOLOGY_MODULE)) as { topology: Topology };
  return (await topology.services.pricing!.load()).default;
}

/** `callers`: stand-ins for services that call the cart (their name and a client), e.g. the checkout. */
export async function startCartRig(env: Record<string, string> = {}, callers: string[] = []): Promise<CartRig> {
  const stubs = callers.map((name): ServiceDefinition => ({ name, description: `${name} (stand-in)`, routes() {} }));
  const started = await startTestServices([await loadPricing(), cart, ...stubs], { calls: { cart: ['pricing'], ...Object.fromEntries(callers.map((name) => [name, ['cart']])) }, env });
  return {
    services: started.services,
    cart: started.services.cart!,
    pricing: started.services.pricing!,
    bus: started.bus,
    issuer: started.issuer,
    request: (method, url, { service = 'cart', ...options } = {}) => started.request(service, method, url, options),
    stop: started.stop,
  };
}

/** A request that must answer `status`; returns the JSON body. */
export async function ok(rig: CartRig, method: string, url: string, options: Parameters<CartRig['request']>[2] = {}, status = 200) {
  const response = await rig.request(method, url, options);
  assert.equal(response.statusCode, status, `${method} ${url}: ${response.body}`);
  return response.json();
}

const sequences = new Map<string, number>();
function envelope(source: string, type: string, subject: string, data: unknown): CloudEvent {
  const sequence = (sequences.get(`${source} ${subject}`) ?? 0) + 1;
  sequences.set(`${source} ${subject}`, sequence);
  return { specversion: '1.0', id: randomUUID(), source, type, subject, time: new Date().toISOString(), datacontenttype: 'application/json', sequence, data };
}

/** Tells pricing a product (one variant per SKU) exists, as the catalog's relay would. */
export async function deliverProduct(rig: CartRig, id: string, skus: string[]): Promise<void> {
  const now = new Date().toISOString();
  const data = {
    id, handle: id, name: id, description: '', status: 'published', categoryId: null, brandId: null, channels: [], attributes: {}, media: [],
    variants: skus.map((sku, i) => ({ id: `var_${id}_${i}`, sku, name: sku, options: {}, attributes: {}, weightGrams: 100 })),
    version: 1, createdAt: now, updatedAt: now,
  };
  await rig.bus.publish([envelope('/mercato/catalog', productUpserted.type, id, data)]);
}

/** Tells pricing a customer's company and effective groups, as the customers service would. */
export async function deliverCustomer(rig: CartRig, customer: { id: string; accountId: string; companyId?: string | null; groups?: string[] }): Promise<void> {
  const groups = customer.groups ?? [];
  const data = { id: customer.id, accountId: customer.accountId, companyId: customer.companyId ?? null, groups, effectiveGroups: groups, version: 1, updatedAt: new Date().toISOString() };
  await rig.bus.publish([envelope('/mercato/customers', customerUpserted.type, customer.id, data)]);
}

/** Creates a price list in pricing with one tier per SKU. */
export async function priceList(rig: CartRig, staff: string, list: Record<string, unknown>, prices: Record<string, number>): Promise<{ id: string }> {
  const created = await ok(rig, 'POST', '/api/pricing/price-lists', { service: 'pricing', token: staff, body: { name: String(list.code), ...list } }, 201);
  const items = Object.entries(prices).map(([sku, amount]) => ({ sku, tiers: [{ minQuantity: 1, amount }] }));
  await ok(rig, 'PUT', `/api/pricing/price-lists/${created.id}/prices`, { service: 'pricing', token: staff, body: { items } });
  return created;
}

/** The cart's row as stored (white-box checks that a refused request changed nothing). */
export async function storedCart(rig: CartRig, id: string): Promise<Record<string, unknown>> {
  const db = rig.cart.context.db as Kysely<any>;
  const { rows } = await sql<Record<string, unknown>>`select * from carts where id = ${id}`.execute(db);
  return rows[0]!;
}
