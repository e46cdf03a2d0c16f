import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ordersEvents } from '@mercato/contracts';
import { newId, type CloudEvent, type InProcessBus, type RunningService } from '@mercato/kit';
import { startTestServices, type TestIssuer } from '@mercato/testing';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import type { LightMyRequestResponse } from 'fastify';
import type { OrderSummary } from '../src/events/order-data.ts';
import type { Mailer, OutgoingMessage } from '../src/mail/mailer.ts';
import { notificationsService } from '../src/main.ts';

/** The notifications service on a fresh database, its mail directory, and the bus that feeds it order events. */
export interface NotificationsRig {
  service: RunningService;
  bus: InProcessBus;
  issuer: TestIssuer;
  mailDir: string;
  request(method: string, url: string, options?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<LightMyRequestResponse>;
  stop(): Promise<void>;
}

/** Starts the service; without `mailer` it uses its real file transport into a temporary directory. */
export async function startNotificationsRig(options: { env?: Record<string, string>; mailer?: Mailer } = {}): Promise<NotificationsRig> {
  const mailDir = await mkdtemp(join(tmpdir(), 'mercato-mail-'));
  const definition = notificationsService(options.mailer ? { mailer: () => options.mailer! } : {});
  const env = { NOTIFICATIONS_MAIL_DIR: mailDir, NOTIFICATIONS_SEND_INTERVAL_MS: '20', NOTIFICATIONS_RETRY_BASE_MS: '40', ...options.env };
  const started = await startTestServices([definition], { env });
  return {
    service: started.services.notifications!,
    bus: started.bus,
    issuer: started.issuer,
    mailDir,
    request: (method, url, opts) => started.request('notifications', method, url, opts),
    stop: async () => {
      await started.stop();
      await rm(mailDir, { recursive: true, force: true });
    },
  };
}

/** A request that must answer `status`; returns the JSON body. */
export async function ok(rig: NotificationsRig, method: string, url: string, options: Parameters<NotificationsRig['request']>[2] = {}, status = 200) {
  const response = await rig.request(method, url, options);
  assert.equal(response.statusCode, status, `${method} ${url}: ${response.body}`);
  return response.json();
}

/** An order as the orders service summarizes it in its events. */
export function orderSummary(overrides: Partial<OrderSummary> = {}): OrderSummary {
  const id = overrides.id ?? newId('ord');
  return {
    id,
    number: `M-${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`,
    accountId: 'acct_buyer',
    email: 'jane.doe@example.com',
    status: 'placed',
    paymentStatus: 'authorized',
    currency: 'EUR',
    lines: [
      { sku: 'TEE-M', name: 'Organic Tee', quantity: 2, lineTotal: 4000 },
      { sku: 'MUG', name: 'Mug', quantity: 1, lineTotal: 1250 },
    ],
    totals: { subtotal: 5250, discountTotal: 500, taxTotal: 838, shippingTotal: 495, grandTotal: 5245 },
    shippingAddress: { name: 'Jane Doe', line1: 'Hauptstraße 1', postalCode: '10115', city: 'Berlin', country: 'DE' },
    tracking: null,
    refundedAmount: 0,
    placedAt: '2026-11-20T10:00:00.000Z',
    version: 2,
    ...overrides,
  };
}

/**
 * One order's event stream as the orders service publishes it: every event of the order (whatever
 * its type) takes the next sequence number of the order's subject.
 */
export class OrderStream {
  private sequence = 0;
  constructor(public order: OrderSummary) {}

  /** The next event of the order; `order` changes are applied to the summary it carries. */
  next(event: string, change: Record<string, unknown> = {}, order: Partial<OrderSummary> = {}): CloudEvent {
    this.order = { ...this.order, ...order, version: this.order.version + 1 };
    this.sequence++;
    return {
      specversion: '1.0',
      id: randomUUID(),
      source: '/mercato/orders',
      type: `mercato.orders.order.${event}.v1`,
      subject: this.order.id,
      time: new Date().toISOString(),
      datacontenttype: 'application/json',
      sequence: this.sequence,
      data: { order: this.order, ...change },
    };
  }
}

const contracts = new Map(ordersEvents.map((c) => [c.type, TypeCompiler.Compile(c.schema)]));

/**
 * Delivers events through the bus, as the orders relay would; resolves once they are applied. Each
 * must keep the orders contract (the consumer would dead-letter it otherwise, which a test would only
 * see as a timeout).
 */
export async function deliver(rig: NotificationsRig, ...events: CloudEvent[]): Promise<void> {
  for (const event of events) {
    const check = contracts.get(event.type);
    assert.ok(check, `no orders contract ${event.type}`);
    assert.ok(check.Check(event.data), `${event.type} breaks its contract: ${JSON.stringify([...check.Errors(event.data)].slice(0, 3).map((e) => `${e.path} ${e.message}`))}`);
  }
  await rig.bus.publish(events);
}

/** A Mailer standing in for an SMTP relay: accepts, or fails the first `failures` attempts per delivery. */
export class FakeMailer implements Mailer {
  readonly transport = 'fake';
  readonly sent: OutgoingMessage[] = [];
  /** Every attempt, with its time, in order. */
  readonly attempts: Array<{ deliveryId: string; at: number }> = [];
  private readonly failedSoFar = new Map<string, number>();

  constructor(private readonly failures = 0) {}

  async send(message: OutgoingMessage) {
    this.attempts.push({ deliveryId: message.deliveryId, at: Date.now() });
    const failed = this.failedSoFar.get(message.deliveryId) ?? 0;
    if (failed < this.failures) {
      this.failedSoFar.set(message.deliveryId, failed + 1);
      throw new Error(`450 4.2.1 mailbox <${message.to}> temporarily unavailable`);
    }
    this.sent.push(message);
    return { file: null };
  }

  async close() {}
}
