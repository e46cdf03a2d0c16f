import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  IdempotencyKeyReusedError,
  InvalidWebhookError,
  UnsupportedCardError,
  type AuthorizeRequest,
  type AuthorizeResult,
  type CaptureRequest,
  type CaptureResult,
  type CardDetails,
  type PaymentProvider,
  type RefundRequest,
  type RefundResult,
  type TokenizedCard,
  type VoidRequest,
  type VoidResult,
  type WebhookEvent,
} from './provider.ts';
import { scenarioOf, scenarioToken, TEST_CARDS, type TestScenario } from './test-cards.ts';
import { SIGNATURE_HEADER, signWebhook, verifyWebhookSignature } from './webhook-signature.ts';

export interface TestProviderOptions {
  webhookSecret: string;
  webhookToleranceSeconds: number;
  /** How long the timeout card keeps the caller waiting (unless the caller gives up first). */
  timeoutSleepMs: number;
  /** How long after authorizing the pending card the approving webhook is sent. */
  webhookDelayMs: number;
  /** Sends a signed webhook to payments' webhook handler; a rejection is retried a few times. */
  deliver(rawBody: string, headers: Record<string, string>): Promise<void>;
}

/** The sandbox provider's view of one payment (what a real provider's dashboard would show). */
export interface TestPayment {
  intentId: string;
  providerRef: string;
  scenario: TestScenario | 'unknown';
  amount: number;
  status: 'pending' | 'authorized' | 'declined' | 'voided' | 'captured';
  /** How many times money was authorized for this payment: more than 1 would be a double charge. */
  authorizations: number;
  captured: number;
  refunded: number;
  refunds: number;
}

type Operation = 'authorize' | 'capture' | 'void' | 'refund';

const WEBHOOK_ATTEMPTS = 5;

/**
 * The built-in sandbox provider: its behaviour is picked by the card number (test-cards.ts). It
 * keeps its own record per idempotency key, in memory: a repeated operation with the same key
 * answers the recorded result and moves no money again, as a real provider does.
 */
export class TestPaymentProvider implements PaymentProvider {
  readonly name = 'test';
  private readonly results = new Map<string, { operation: Operation; fingerprint: string; result: unknown }>();
  private readonly payments = new Map<string, TestPayment>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;
  /** Operations actually performed (a replay of a key is not counted). */
  readonly performed: Record<Operation, number> = { authorize: 0, capture: 0, void: 0, refund: 0 };

  constructor(private readonly options: TestProviderOptions) {}

  tokenize(card: CardDetails): TokenizedCard {
    const known = TEST_CARDS[card.number.replace(/[\s-]/g, '')];
    if (!known) throw new UnsupportedCardError('Not a test card number; see the test cards in docs/reference/payments.md');
    return { brand: known.brand, last4: card.number.slice(-4), token: scenarioToken(known.scenario) };
  }

  async authorize(request: AuthorizeRequest, signal: AbortSignal): Promise<AuthorizeResult> {
    const result = this.once('authorize', request.key, [request.intentId, request.amount, request.currency, request.cardToken], () => this.performAuthorize(request));
    // The timeout card is authorized at once; only the answer never arrives in time.
    if (scenarioOf(request.cardToken) === 'timeout') await sleep(this.options.timeoutSleepMs, undefined, { signal });
    return result;
  }

  async capture(request: CaptureRequest, _signal: AbortSignal): Promise<CaptureResult> {
    return this.once('capture', request.key, [request.intentId, request.amount], (): CaptureResult => {
      const payment = this.payments.get(request.intentId);
      if (!payment || payment.status !== 'authorized') {
        return { outcome: 'conflict', failure: { code: 'not-authorized', message: `The payment is ${payment?.status ?? 'unknown'} at the provider` } };
      }
      if (payment.scenario === 'capture-fails') return { outcome: 'failed', failure: { code: 'capture-failed', message: 'The card issuer refused the capture' } };
      if (request.amount > payment.amount) return { outcome: 'conflict', failure: { code: 'amount-too-large', message: 'More than was authorized' } };
      payment.status = 'captured';
      payment.captured = request.amount;
      return { outcome: 'captured', amount: request.amount };
    });
  }

  async void(request: VoidRequest, _signal: AbortSignal): Promise<VoidResult> {
    return this.once('void', request.key, [request.intentId], (): VoidResult => {
      const payment = this.payments.get(request.intentId);
      if (!payment) {
        // A void that overtakes its authorization: remember it, so the authorization is refused.
        this.payments.set(request.intentId, { ...this.newPayment(request.intentId, 'unknown', 0), status: 'voided' });
        return { outcome: 'voided' };
      }
      if (payment.status === 'captured') return { outcome: 'failed', failure: { code: 'already-captured', message: 'The payment was captured' } };
      payment.status = payment.status === 'declined' ? 'declined' : 'voided';
      return { outcome: 'voided' };
    });
  }

  async refund(request: RefundRequest, _signal: AbortSignal): Promise<RefundResult> {
    return this.once('refund', request.key, [request.intentId, request.amount], (): RefundResult => {
      const payment = this.payments.get(request.intentId);
      if (!payment || payment.status !== 'captured') return { outcome: 'failed', failure: { code: 'not-captured', message: 'Only a captured payment can be refunded' } };
      if (payment.refunded + request.amount > payment.captured) {
        return { outcome: 'failed', failure: { code: 'refund-exceeds-captured', message: `Only ${payment.captured - payment.refunded} left to refund` } };
      }
      payment.refunded += request.amount;
      payment.refunds += 1;
      return { outcome: 'refunded', providerRef: `tre_${randomUUID().replaceAll('-', '')}` };
    });
  }

  parseWebhook(rawBody: string, headers: Record<string, string | string[] | undefined>): WebhookEvent {
    const signature = headers[SIGNATURE_HEADER];
    if (!verifyWebhookSignature(rawBody, typeof signature === 'string' ? signature : undefined, this.options.webhookSecret, this.options.webhookToleranceSeconds)) {
      throw new InvalidWebhookError('The signature does not match');
    }
    let event: Partial<WebhookEvent>;
    try {
      event = JSON.parse(rawBody) as Partial<WebhookEvent>;
    } catch {
      throw new InvalidWebhookError('The body is not JSON');
    }
    const known = event.type === 'authorization.succeeded' || event.type === 'authorization.failed';
    if (!known || typeof event.id !== 'string' || typeof event.intentId !== 'string' || typeof event.providerRef !== 'string') {
      throw new InvalidWebhookError('Not a webhook this provider sends');
    }
    return event as WebhookEvent;
  }

  /** The provider's record of a payment (tests and the sandbox dashboard), or undefined. */
  payment(intentId: string): TestPayment | undefined {
    const payment = this.payments.get(intentId);
    return payment && { ...payment };
  }

  /** Stops scheduled webhooks (at shutdown). */
  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private performAuthorize(request: AuthorizeRequest): AuthorizeResult {
    const scenario = scenarioOf(request.cardToken);
    const existing = this.payments.get(request.intentId);
    if (existing?.status === 'voided') return { outcome: 'declined', providerRef: existing.providerRef, failure: { code: 'payment-voided', message: 'The payment was voided' } };
    const payment = this.newPayment(request.intentId, scenario ?? 'unknown', request.amount);
    this.payments.set(request.intentId, payment);
    if (!scenario) {
      payment.status = 'declined';
      return { outcome: 'declined', providerRef: payment.providerRef, failure: { code: 'invalid-card-token', message: 'Unknown card token' } };
    }
    if (scenario === 'decline') {
      payment.status = 'declined';
      return { outcome: 'declined', providerRef: payment.providerRef, failure: { code: 'card-declined', message: 'The card was declined' } };
    }
    if (scenario === 'pending') {
      payment.status = 'pending';
      this.scheduleApproval(payment);
      return { outcome: 'pending', providerRef: payment.providerRef };
    }
    payment.status = 'authorized';
    payment.authorizations += 1;
    return { outcome: 'authorized', providerRef: payment.providerRef };
  }

  /** The pending card: the issuer approves after a while, and the provider says so by webhook. */
  private scheduleApproval(payment: TestPayment): void {
    const attempt = (n: number) => {
      if (this.closed) return;
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        if (n === 1) {
          if (payment.status !== 'pending') return; // voided meanwhile
          payment.status = 'authorized';
          payment.authorizations += 1;
        }
        const body = JSON.stringify({ id: `tev_${randomUUID().replaceAll('-', '')}`, type: 'authorization.succeeded', intentId: payment.intentId, providerRef: payment.providerRef });
        const headers = { 'content-type': 'application/json', [SIGNATURE_HEADER]: signWebhook(body, this.options.webhookSecret) };
        this.options.deliver(body, headers).catch(() => {
          if (n < WEBHOOK_ATTEMPTS) attempt(n + 1);
        });
      }, this.options.webhookDelayMs * n);
      this.timers.add(timer);
    };
    attempt(1);
  }

  private newPayment(intentId: string, scenario: TestPayment['scenario'], amount: number): TestPayment {
    return { intentId, providerRef: `tpay_${randomUUID().replaceAll('-', '')}`, scenario, amount, status: 'pending', authorizations: 0, captured: 0, refunded: 0, refunds: 0 };
  }

  /** Performs an operation once per key; a repeat with the same key answers the first result. */
  private once<T>(operation: Operation, key: string, parameters: unknown[], perform: () => T): T {
    const fingerprint = JSON.stringify(parameters);
    const recorded = this.results.get(key);
    if (recorded) {
      if (recorded.operation !== operation || recorded.fingerprint !== fingerprint) throw new IdempotencyKeyReusedError(`idempotency key ${key} was used with other parameters`);
      return recorded.result as T;
    }
    const result = perform();
    this.performed[operation] += 1;
    this.results.set(key, { operation, fingerprint, result });
    return result;
  }
}
