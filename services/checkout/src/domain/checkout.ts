import type { OrderAddress } from '@mercato/contracts';
import type { Static } from '@sinclair/typebox';
import type { Position, Step } from './steps.ts';

/** An address as orders keep it. */
export type Address = Static<typeof OrderAddress>;

/** The cart as the cart service handed it over when it was locked. */
export interface CartSnapshot {
  id: string;
  currency: string;
  channel: 'web' | 'mobile';
  taxMode: 'gross' | 'net';
  shipping: { country: string; method: string };
  lines: Array<{ sku: string; quantity: number; unitPrice: number; lineTotal: number; discount: number; tax: number | null }>;
  coupons: Array<{ code: string; status: 'applied' | 'rejected' | 'pending'; amount: number }>;
  totals: { subtotal: number; discounts: number; tax: number | null; shipping: number | null; grandTotal: number };
  version: number;
}

/** The final prices, from pricing's quote. */
export interface LockedQuote {
  taxMode: 'gross' | 'net';
  lines: Array<{ sku: string; quantity: number; unitPrice: number; lineTotal: number; discount: number; taxAmount: number }>;
  discounts: Array<{ code: string; amount: number; name: string; coupon: string | null }>;
  coupons: string[];
  totals: Totals;
}

export interface Totals {
  subtotal: number;
  discountTotal: number;
  taxTotal: number;
  shippingTotal: number;
  grandTotal: number;
}

/** Why a checkout failed: a problem (its code, status and title) with the detail and extensions. */
export interface Failure {
  code: string;
  status: number;
  title: string;
  message: string;
  extensions?: Record<string, unknown>;
}

/** What the customer asked for (no card data: the number never reaches the database). */
export interface CheckoutRequest {
  cartId: string;
  accountId: string | null;
  email: string;
  shippingAddress: Address;
  billingAddress: Address;
  card: { brand: string; last4: string };
}

/** Everything the saga learnt so far; written after every step. */
export interface SagaData {
  request: CheckoutRequest;
  /** Chosen up front, so that placing the order twice names the same order. */
  orderId: string;
  cart?: CartSnapshot;
  reservationId?: string;
  redemptions?: Array<{ code: string; id: string }>;
  quote?: LockedQuote;
  intent?: { id: string; status: string; amount: number };
  failure?: Failure;
  /** The step the saga had got to when it began to roll back (what the compensations must undo). */
  reached?: Step;
  /** Things that could not be undone or confirmed and need a person (e.g. a reservation that expired). */
  warnings?: string[];
}

export type CheckoutStatus = 'processing' | 'compensating' | 'completed' | 'failed';

/** A checkout as stored. */
export interface Checkout {
  id: string;
  owner: string;
  idempotencyKey: string;
  requestHash: string;
  cartId: string;
  accountId: string | null;
  status: CheckoutStatus;
  step: Position;
  data: SagaData;
  orderId: string | null;
  leaseOwner: string | null;
  leaseUntil: Date;
  deadline: Date;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** Secrets the first run holds in memory only: a saga resumed elsewhere goes on without them. */
export interface Secrets {
  cartToken?: string;
  card?: { number: string; expMonth?: number; expYear?: number; cvc?: string };
}

/** Whom pricing counts a coupon use for: the account, or a guest by email address (pricing needs an account). */
export function redeemerOf(request: CheckoutRequest): string {
  return request.accountId ?? `guest:${request.email.toLowerCase()}`;
}
