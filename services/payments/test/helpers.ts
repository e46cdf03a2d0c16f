import assert from 'node:assert/strict';
import { defineService, type CloudEvent, type ServiceContext } from '@mercato/kit';
import { startTestServices, type TestIssuer } from '@mercato/testing';
import type { LightMyRequestResponse } from 'fastify';
import { sql, type Kysely } from 'kysely';
import { loadPaymentsConfig } from '../src/config.ts';
import payments from '../src/main.ts';
import type { TestPaymentProvider } from '../src/provider/test-provider.ts';
import { paymentsOf, type Payments } from '../src/runtime.ts';
import type { PaymentsContext } from '../src/store/context.ts';
import type { PaymentsTables } from '../src/store/tables.ts';

export const CARDS = {
  approve: '4242424242424242',
  decline: '4000000000000002',
  timeout: '4000000000000119',
  pending: '4000000000003220',
  captureFails: '4000000000000341',
} as const;

type Options = { token?: string; body?: unknown; headers?: Record<string, string> };

/** The payments service under test, its sandbox provider, and tokens for each kind of caller. */
export interface PaymentsRig {
  db: Kysely<PaymentsTables>;
  payments: Payments;
  provider: TestPaymentProvider;
  issuer: TestIssuer;
  staff: string;
  admin: string;
  customer: string;
  /** A machine client with `payments:write`. */
  writer: string;
  /** A machine client with `payments:read` only. */
  reader: string;
  request(method: string, url: string, options?: Options): Promise<LightMyRequestResponse>;
  /** A call from another service (the `payments-caller` test service), through the topology-checked transport. */
  callAsService(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
  createIntent(overrides?: Record<string, unknown>, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  stop(): Promise<void>;
}

/** Test defaults: a short provider timeout and a quick webhook, so the scenarios run fast. */
export const TEST_ENV = {
  PAYMENTS_PROVIDER_TIMEOUT_MS: '300',
  PAYMENTS_TEST_WEBHOOK_DELAY_MS: '50',
  PAYMENTS_RECOVERY_SWEEP_MS: '600000',
  PAYMENTS_WEBHOOK_SECRET: 'whsec_payments_test_secret_0123456789',
};

/** A service that calls payments, as orders and checkout do, to exercise `services: true`. */
const caller = defineService({
  name: 'payments-caller',
  description: 'Calls payments in tests.',
  routes(app, ctx: ServiceContext) {
    app.post('/relay', { config: { access: 'public' } }, async (request) => {
      const { method, path, body } = request.body as { method: string; path: string; body?: unknown };
      const response = await ctx.client('payments').request(path, { method, ...(body !== undefined ? { body } : {}) });
      return { status: response.status, body: JSON.parse(response.body.toString('utf8')) };
    });
  },
});

let references = 0;

export async function startPayments(env: Record<string, string> = {}): Promise<PaymentsRig> {
  const started = await startTestServices([payments, caller], { calls: { 'payments-caller': ['payments'] }, env: { ...TEST_ENV, ...env } });
  const ctx = started.services.payments!.context as unknown as PaymentsContext;
  const runtime = paymentsOf(ctx, loadPaymentsConfig(ctx.env));
  const issuer = started.issuer;
  const writer = await issuer.mint({ sub: 'checkout-client', scope: 'payments:write', clientId: 'checkout-client' });
  const request = (method: string, url: string, options: Options = {}) => started.request('payments', method, url, options);
  return {
    db: ctx.db,
    payments: runtime,
    provider: runtime.provider as TestPaymentProvider,
    issuer,
    staff: await issuer.mint({ sub: 'acct_cashier', roles: ['payments-manager'] }),
    admin: await issuer.mint({ sub: 'acct_admin', roles: ['admin'] }),
    customer: await issuer.mint({ sub: 'acct_customer', roles: ['customer'] }),
    writer,
    reader: await issuer.mint({ sub: 'report-client', scope: 'payments:read', clientId: 'report-client' }),
    request,
    async callAsService(method, path, body) {
      const relayed = await started.request('payments-caller', 'POST', '/relay', { body: { method, path, body } });
      assert.equal(relayed.statusCode, 200, relayed.body);
      return relayed.json();
    },
    createIntent(overrides = {}, headers) {
      references += 1;
      const body = {
        reference: `chk_test_${process.pid}_${references}`,
        orderId: `ord_test_${references}`,
        accountId: 'acct_buyer',
        amount: 2500,
        currency: 'EUR',
        card: { number: CARDS.approve, expMonth: 12, expYear: 2030, cvc: '123' },
        ...overrides,
      };
      return request('POST', '/api/payments/intents', { token: writer, body, headers });
    },
    stop: started.stop,
  };
}

/** A request that must answer `status`; returns the JSON body. */
export async function ok(rig: PaymentsRig, method: string, url: string, options: Options = {}, status = 200) {
  const response = await rig.request(method, url, { token: rig.writer, ...options });
  assert.equal(response.statusCode, status, `${method} ${url}: ${response.body}`);
  return response.json();
}

/** Creates an intent that must be created (201); returns it. */
export async function created(rig: PaymentsRig, overrides: Record<string, unknown> = {}) {
  const response = await rig.createIntent(overrides);
  assert.equal(response.statusCode, 201, response.body);
  return response.json();
}

/** Events in the payments outbox of one type (and subject), oldest first. */
export async function outboxEvents<T = any>(rig: PaymentsRig, type: string, subject?: string): Promise<Array<CloudEvent<T>>> {
  const { rows } = await sql<{ envelope: CloudEvent<T> }>`
    select envelope from kit_outbox where type = ${type} ${subject ? sql`and subject = ${subject}` : sql``} order by position`.execute(rig.db);
  return rows.map((row) => row.envelope);
}

export function assertProblem(response: { statusCode: number; headers: Record<string, unknown>; json(): any }, status: number, code: string) {
  assert.equal(response.statusCode, status, JSON.stringify(response.json()));
  assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
  assert.equal(response.json().code, code);
  return response.json();
}
