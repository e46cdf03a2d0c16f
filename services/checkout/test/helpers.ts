import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { ProductState, productUpserted } from '@mercato/contracts';
import type { CloudEvent, InProcessBus, RunningService, ServiceDefinition, Topology } from '@mercato/kit';
import { startTestServices, type TestIssuer, TOPOLOGY_MODULE } from '@mercato/testing';
import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { LightMyRequestResponse } from 'fastify';
import checkout from '../src/main.ts';

type Service = 'checkout' | 'cart' | 'inventory' | 'pricing' | 'payments' | 'orders';

/** The checkout and every service it calls, real, in-process, on fresh databases. */
export interface CheckoutRig {
  services: Record<string, RunningService>;
  bus: InProcessBus;
  issuer: TestIssuer;
  /** Staff tokens for checking the other services' state. */
  staff: { pricing: string; inventory: string; payments: string; orders: string };
  request(service: Service, method: string, url: string, options?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<LightMyRequestResponse>;
  stop(): Promise<void>;
}

/** The other services come from their topology entries, as the launchers start them (the checkout never imports their code). */
async function fromTopology(...names: string[]): Promise<ServiceDefinition<any>[]> {
  const { topology } = (await import(TOPOLOGY_MODULE)) as { topology: Topology };
  return Promise.all(names.map(async (name) => (await topology.services[name]!.load()).default as ServiceDefinition<any>));
}

export const SHIPPING = { country: 'DE', method: 'standard' };
export const ADDRESS = { name: 'Ada Lovelace', line1: 'Unter den Linden 1', postalCode: '10117', city: 'Berlin', country: 'DE' };
export const CARDS = { approve: '4242424242424242', decline: '4000000000000002', timeout: '4000000000000119', pending: '4000000000003220' };

export async function startCheckoutRig(env: Record<string, string> = {}): Promise<CheckoutRig> {
  const others = await fromTopology('pricing', 'cart', 'inventory', 'payments', 'orders');
  const started = await startTestServices([...others, checkout], {
    calls: { cart: ['pricing'], orders: ['payments'], checkout: ['cart', 'inventory', 'pricing', 'payments', 'orders'] },
    env: { INVENTORY_EXPIRY_SWEEP_MS: '60000', CART_EXPIRY_SWEEP_MS: '60000', ...env },
  });
  const mint = (roles: string[]) => started.issuer.mint({ sub: `acct_staff_${roles[0]}`, roles });
  return {
    services: started.services,
    bus: started.bus,
    issuer: started.issuer,
    staff: { pricing: await mint(['pricing-manager']), inventory: await mint(['inventory-manager']), payments: await mint(['payments-manager']), orders: await mint(['order-manager']) },
    request: (service, method, url, options) => started.request(service, method, url, options),
    stop: started.stop,
  };
}

/** A request that must answer `status`; returns the JSON body. */
export async function ok(rig: CheckoutRig, service: Service, method: string, url: string, options: Parameters<CheckoutRig['request']>[3] = {}, status = 200) {
  const response = await rig.request(service, method, url, options);
  assert.equal(response.statusCode, status, `${service} ${method} ${url}: ${response.body}`);
  return response.json();
}

/** Tells pricing and inventory a product exists, as the catalog's relay would. */
export async function deliverProduct(rig: CheckoutRig, id: string, skus: string[]): Promise<void> {
  const now = new Date().toISOString();
  const base = Value.Create(Type.Omit(ProductState, ['createdAt', 'updatedAt', 'variants']));
  const variant = ProductState.properties.variants.items;
  const data = {
    ...base, id, handle: id, name: id, status: 'published', createdAt: now, updatedAt: now,
    variants: skus.map((sku, i) => ({ ...Value.Create(variant), id: `${id}-v${i}`, sku, name: sku, weightGrams: 100 })),
  };
  const event: CloudEvent = { specversion: '1.0', id: randomUUID(), source: '/mercato/catalog', type: productUpserted.type, subject: id, time: now, datacontenttype: 'application/json', sequence: 1, data };
  await rig.bus.publish([event]);
}

/**
 * A shop: EUR with 19 % tax in DE, flat shipping 4.95, TEE 20.00 and MUG 10.00 with `stock` units each
 * in one warehouse, and a 10 %-off coupon SAVE10 with `couponUses` uses.
 */
export async function setUpShop(rig: CheckoutRig, stock = 10, couponUses = 100): Promise<{ promotionId: string }> {
  await deliverProduct(rig, 'prod_tee', ['TEE']);
  await deliverProduct(rig, 'prod_mug', ['MUG']);
  const pricing = { token: rig.staff.pricing };
  await ok(rig, 'pricing', 'PUT', '/api/pricing/currencies/EUR', { ...pricing, body: { taxMode: 'gross' } }, 201);
  await ok(rig, 'pricing', 'PUT', '/api/pricing/tax-classes/standard', { ...pricing, body: { name: 'Standard', isDefault: true } });
  await ok(rig, 'pricing', 'PUT', '/api/pricing/tax-zones/eu', { ...pricing, body: { name: 'EU', countries: ['DE'] } });
  await ok(rig, 'pricing', 'PUT', '/api/pricing/tax-rates/eu/standard', { ...pricing, body: { rateBp: 1900 } });
  await ok(rig, 'pricing', 'PUT', '/api/pricing/shipping-methods/standard', { ...pricing, body: { name: 'Standard', rates: [{ zone: 'eu', currency: 'EUR', kind: 'flat', amount: 495 }] } }, 201);
  const list = await ok(rig, 'pricing', 'POST', '/api/pricing/price-lists', { ...pricing, body: { name: 'base-eur', code: 'base-eur', kind: 'base', currency: 'EUR' } }, 201);
  await ok(rig, 'pricing', 'PUT', `/api/pricing/price-lists/${list.id}/prices`, { ...pricing, body: { items: [{ sku: 'TEE', tiers: [{ minQuantity: 1, amount: 2000 }] }, { sku: 'MUG', tiers: [{ minQuantity: 1, amount: 1000 }] }] } });
  const promotion = await ok(rig, 'pricing', 'POST', '/api/pricing/promotions', {
    ...pricing,
    body: { code: 'ten-off', name: '10 % off', action: { type: 'percent-off-order', percent: 10 }, conditions: [{ type: 'coupon' }] },
  }, 201);
  await ok(rig, 'pricing', 'POST', `/api/pricing/promotions/${promotion.id}/coupons`, { ...pricing, body: { codes: ['SAVE10'], maxUses: couponUses } }, 201);

  const inventory = { token: rig.staff.inventory };
  await ok(rig, 'inventory', 'POST', '/api/inventory/warehouses', { ...inventory, body: { code: 'BER-1', name: 'Berlin', priority: 1 } }, 201);
  for (const sku of ['TEE', 'MUG']) {
    await ok(rig, 'inventory', 'POST', '/api/inventory/adjustments', { ...inventory, body: { warehouse: 'BER-1', sku, type: 'receive', quantity: stock, reason: 'delivery' } }, 201);
  }
  return { promotionId: promotion.id };
}

/** A guest cart with lines, a destination and (optionally) coupons. */
export async function guestCart(rig: CheckoutRig, lines: Array<{ sku: string; quantity: number }>, coupons: string[] = []): Promise<{ id: string; token: string }> {
  const cart = await ok(rig, 'cart', 'POST', '/api/cart/carts', { body: { currency: 'EUR', shipping: SHIPPING } }, 201);
  const headers = { 'cart-token': cart.token as string };
  for (const line of lines) await ok(rig, 'cart', 'POST', `/api/cart/carts/${cart.id}/lines`, { headers, body: line });
  for (const code of coupons) await ok(rig, 'cart', 'POST', `/api/cart/carts/${cart.id}/coupons`, { headers, body: { code } });
  return { id: cart.id, token: cart.token };
}

/** A customer cart (the customer's token) with lines, a destination and coupons. */
export async function customerCart(rig: CheckoutRig, token: string, lines: Array<{ sku: string; quantity: number }>, coupons: string[] = []): Promise<{ id: string }> {
  const cart = await ok(rig, 'cart', 'POST', '/api/cart/carts', { token, body: { currency: 'EUR', shipping: SHIPPING } }, 201);
  for (const line of lines) await ok(rig, 'cart', 'POST', `/api/cart/carts/${cart.id}/lines`, { token, body: line });
  for (const code of coupons) await ok(rig, 'cart', 'POST', `/api/cart/carts/${cart.id}/coupons`, { token, body: { code } });
  return { id: cart.id };
}

/** The checkout request body for a cart and card. */
export function checkoutBody(cartId: string, card: string, email = 'ada@example.com') {
  return { cartId, email, shippingAddress: ADDRESS, payment: { card: { number: card, expMonth: 12, expYear: 2030, cvc: '123' } } };
}

/** Units of a SKU free to sell now. */
export async function available(rig: CheckoutRig, sku: string): Promise<number> {
  return (await ok(rig, 'inventory', 'GET', `/api/inventory/availability?sku=${sku}`)).items[0].available;
}

/** Live (reserved or committed) uses of a coupon. */
export async function couponUses(rig: CheckoutRig, promotionId: string, code: string): Promise<number> {
  const page = await ok(rig, 'pricing', 'GET', `/api/pricing/promotions/${promotionId}/coupons`, { token: rig.staff.pricing });
  return page.items.find((c: any) => c.code === code).uses;
}

/** The payment intents of a checkout (payments is asked by reference). */
export async function intentsOf(rig: CheckoutRig, checkoutId: string): Promise<any[]> {
  return (await ok(rig, 'payments', 'GET', `/api/payments/intents?reference=${checkoutId}`, { token: rig.staff.payments })).items;
}
