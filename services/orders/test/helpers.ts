import assert from 'node:assert/strict';
import { newId, type CloudEvent, type RunningService, type ServiceDefinition, type Topology } from '@mercato/kit';
import { startTestServices, type TestIssuer, TOPOLOGY_MODULE } from '@mercato/testing';
import type { LightMyRequestResponse } from 'fastify';
import { sql, type Kysely } from 'kysely';
import orders from '../src/main.ts';
import type { OrdersTables } from '../src/store/tables.ts';

export const APPROVE_CARD = '4242424242424242';
export const CAPTURE_FAILS_CARD = '4000000000000341';

type Options = { token?: string; body?: unknown; headers?: Record<string, string>; service?: 'orders' | 'payments' };

/** Orders and the payments service it calls, wired in-process on fresh databases, trusting one test issuer. */
export interface OrdersRig {
  orders: RunningService;
  payments: RunningService;
  db: Kysely<OrdersTables>;
  issuer: TestIssuer;
  /** Tokens: admin, order staff, and two customers. */
  tokens: { admin: string; staff: string; alice: string; bob: string; paymentsStaff: string };
  request(method: string, url: string, options?: Options): Promise<LightMyRequestResponse>;
  stop(): Promise<void>;
}

/** Payments is started from its topology entry, as the launchers start it: orders never imports its code. */
async function loadPayments(): Promise<ServiceDefinition<any>> {
  const { topology } = (await import(TOPOLOGY_MODULE)) as { topology: Topology };
  return (await topology.services.payments!.load()).default;
}

export async function startOrdersRig(env: Record<string, string> = {}): Promise<OrdersRig> {
  const started = await startTestServices([await loadPayments(), orders], {
    calls: { orders: ['payments'] },
    env: { PAYMENTS_TEST_WEBHOOK_DELAY_MS: '20', ...env },
  });
  const mint = (sub: string, roles: string[]) => started.issuer.mint({ sub, roles });
  return {
    orders: started.services.orders!,
    payments: started.services.payments!,
    db: started.services.orders!.context.db as Kysely<OrdersTables>,
    issuer: started.issuer,
    tokens: {
      admin: await mint('acct_admin', ['admin']),
      staff: await mint('acct_staff', ['order-manager']),
      alice: await mint('acct_alice', ['customer']),
      bob: await mint('acct_bob', ['customer']),
      paymentsStaff: await mint('acct_pay', ['payments-manager']),
    },
    request: (method, url, { service = 'orders', ...options } = {}) => started.request(service, method, url, options),
    stop: started.stop,
  };
}

/** A request that must answer `status`; returns the JSON body. */
export async function ok(rig: OrdersRig, method: string, url: string, options: Options = {}, status = 200) {
  const response = await rig.request(method, url, options);
  assert.equal(response.statusCode, status, `${method} ${url}: ${response.body}`);
  return response.json();
}

/** Asserts a problem+json answer with a status and stable code; returns the body. */
export function assertProblem(response: LightMyRequestResponse, status: number, code: string) {
  assert.equal(response.statusCode, status, response.body);
  assert.match(String(response.headers['content-type']), /application\/problem\+json/);
  const body = response.json();
  assert.equal(body.code, code, response.body);
  return body;
}

export const address = (name: string, city = 'Berlin') => ({ name, line1: 'Hauptstraße 1', postalCode: '10115', city, country: 'DE' });

/** What the checkout would send for an order of `grandTotal` paid by an authorized intent. */
export function placement(intentId: string, overrides: { id?: string; accountId?: string | null; grandTotal?: number; email?: string } = {}) {
  const grandTotal = overrides.grandTotal ?? 2495;
  const shipping = 495;
  const lineTotal = grandTotal - shipping;
  const quantity = lineTotal % 2 === 0 ? 2 : 1;
  return {
    id: overrides.id ?? newId('ord'),
    checkoutId: newId('chk'),
    accountId: overrides.accountId === undefined ? 'acct_alice' : overrides.accountId,
    email: overrides.email ?? 'alice@example.com',
    currency: 'EUR',
    channel: 'web',
    taxMode: 'gross',
    lines: [{ sku: 'TEE-M', name: 'Tee', quantity, unitPrice: lineTotal / quantity, lineTotal, discount: 0, taxAmount: Math.round(lineTotal * 0.19 / 1.19) }],
    discounts: [],
    coupons: [],
    totals: { subtotal: lineTotal, discountTotal: 0, taxTotal: Math.round(lineTotal * 0.19 / 1.19), shippingTotal: shipping, grandTotal },
    shippingMethod: 'standard',
    shippingAddress: address('Alice Example'),
    billingAddress: address('Alice Example'),
    payment: { intentId, amount: grandTotal },
    reservationId: newId('res'),
    redemptionIds: [],
  };
}

/** Authorizes a payment with the test provider, then places an order for it (as admin; the checkout does it as a service). */
export async function placeOrder(rig: OrdersRig, options: { card?: string; accountId?: string | null; grandTotal?: number } = {}) {
  const grandTotal = options.grandTotal ?? 2495;
  const id = newId('ord');
  const intent = await ok(
    rig,
    'POST',
    '/api/payments/intents',
    {
      service: 'payments',
      token: rig.tokens.paymentsStaff,
      body: { reference: newId('chk'), orderId: id, accountId: options.accountId ?? null, amount: grandTotal, currency: 'EUR', card: { number: options.card ?? APPROVE_CARD } },
    },
    201,
  );
  assert.equal(intent.status, 'authorized', JSON.stringify(intent));
  const body = placement(intent.id, { id, accountId: options.accountId, grandTotal });
  const order = await ok(rig, 'POST', '/api/orders/orders', { token: rig.tokens.admin, body }, 201);
  return { order, body, intent };
}

/** Runs a staff command that must succeed; returns the order. */
export function command(rig: OrdersRig, id: string, name: string, body: unknown = {}, headers: Record<string, string> = {}) {
  return ok(rig, 'POST', `/api/orders/orders/${id}/${name}`, { token: rig.tokens.staff, body, headers });
}

/** The public events the orders service published for an order, in order. */
export async function publishedEvents(rig: OrdersRig, subject: string): Promise<CloudEvent<any>[]> {
  const { rows } = await sql<{ envelope: CloudEvent<any> }>`select envelope from kit_outbox where subject = ${subject} order by sequence`.execute(rig.db);
  return rows.map((r) => r.envelope);
}

/** A payment intent as payments sees it. */
export function intentOf(rig: OrdersRig, id: string) {
  return ok(rig, 'GET', `/api/payments/intents/${id}`, { service: 'payments', token: rig.tokens.paymentsStaff });
}
