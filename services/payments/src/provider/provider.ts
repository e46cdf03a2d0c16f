/**
 * What payments needs from a payment provider. Every money operation carries an idempotency key
 * (intent id + operation): a retried call with the same key must answer the first result and never
 * move money twice. Payments are identified by the intent id (our reference at the provider), so a
 * payment whose authorization answer was lost can still be voided.
 */
export interface PaymentProvider {
  readonly name: string;
  /** Turns card details into the provider's card token; throws `UnsupportedCardError`. Never keep the number. */
  tokenize(card: CardDetails): TokenizedCard;
  authorize(request: AuthorizeRequest, signal: AbortSignal): Promise<AuthorizeResult>;
  capture(request: CaptureRequest, signal: AbortSignal): Promise<CaptureResult>;
  void(request: VoidRequest, signal: AbortSignal): Promise<VoidResult>;
  refund(request: RefundRequest, signal: AbortSignal): Promise<RefundResult>;
  /** Verifies a webhook's signature and parses it; throws `InvalidWebhookError`. */
  parseWebhook(rawBody: string, headers: Record<string, string | string[] | undefined>): WebhookEvent;
}

export interface CardDetails {
  number: string;
  expMonth?: number;
  expYear?: number;
  cvc?: string;
}

export interface TokenizedCard {
  brand: string;
  last4: string;
  token: string;
}

export interface ProviderFailure {
  code: string;
  message: string;
}

interface Keyed {
  /** The provider idempotency key: `<intent id>:<operation>`. */
  key: string;
  intentId: string;
}

export interface AuthorizeRequest extends Keyed {
  amount: number;
  currency: string;
  cardToken: string;
}
export interface CaptureRequest extends Keyed {
  providerRef: string;
  amount: number;
}
export interface VoidRequest extends Keyed {
  providerRef: string | null;
}
export interface RefundRequest extends Keyed {
  providerRef: string;
  amount: number;
}

/** `pending`: the provider decides later and says so by webhook. */
export type AuthorizeResult =
  | { outcome: 'authorized' | 'pending'; providerRef: string }
  | { outcome: 'declined'; providerRef: string | null; failure: ProviderFailure };
/** `failed`: the issuer refused; `conflict`: the payment is not capturable at the provider (e.g. voided meanwhile). */
export type CaptureResult =
  | { outcome: 'captured'; amount: number }
  | { outcome: 'failed'; failure: ProviderFailure }
  | { outcome: 'conflict'; failure: ProviderFailure };
export type VoidResult = { outcome: 'voided' } | { outcome: 'failed'; failure: ProviderFailure };
export type RefundResult = { outcome: 'refunded'; providerRef: string } | { outcome: 'failed'; failure: ProviderFailure };

/** A verified provider notification. */
export type WebhookEvent =
  | { id: string; type: 'authorization.succeeded'; intentId: string; providerRef: string }
  | { id: string; type: 'authorization.failed'; intentId: string; providerRef: string; failure: ProviderFailure };

/** The card number is not one the provider accepts (the message never contains the number). */
export class UnsupportedCardError extends Error {}

/** The idempotency key was used before with other parameters (e.g. two captures of different amounts racing). */
export class IdempotencyKeyReusedError extends Error {}

/** The webhook's signature is missing, stale or wrong, or its body cannot be read. */
export class InvalidWebhookError extends Error {}
