import { Type } from '@sinclair/typebox';
import { defineEvent } from '../event-contract.ts';

const Money = Type.Integer({ minimum: 0, description: 'Minor units of `currency`' });

/** A payment intent's state as its events carry it (event-carried state: the latest per intent wins). */
export const PaymentState = Type.Object({
  id: Type.String({ description: 'The intent id, `pay_…`' }),
  reference: Type.String({ description: "The caller's reference, e.g. the checkout id (one intent per reference)" }),
  orderId: Type.String(),
  accountId: Type.Union([Type.String(), Type.Null()]),
  amount: Type.Integer({ minimum: 1, description: 'Authorized amount, minor units' }),
  currency: Type.String({ pattern: '^[A-Z]{3}$' }),
  status: Type.Union(
    ['pending', 'authorized', 'declined', 'failed', 'voided', 'captured', 'partially_refunded', 'refunded'].map((s) => Type.Literal(s)),
  ),
  capturedAmount: Money,
  refundedAmount: Money,
  card: Type.Object({ brand: Type.String(), last4: Type.String({ pattern: '^[0-9]{4}$' }) }),
  failure: Type.Union([Type.Object({ code: Type.String(), message: Type.String() }), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  version: Type.Integer({ minimum: 1 }),
});

/** The card was authorized: `amount` is held on it. */
export const paymentAuthorized = defineEvent('mercato.payments.payment.authorized.v1', PaymentState);

/** The held money was taken (`capturedAmount`); any rest of the authorization was released. */
export const paymentCaptured = defineEvent('mercato.payments.payment.captured.v1', PaymentState);

/** The authorization was voided: nothing is held any more. */
export const paymentVoided = defineEvent('mercato.payments.payment.voided.v1', PaymentState);

/** The authorization did not succeed: declined by the issuer or failed (e.g. `provider-timeout`); `failure` says why. */
export const paymentFailed = defineEvent('mercato.payments.payment.failed.v1', PaymentState);

/** Money went back to the card; `refund` is this refund, `refundedAmount` the total so far. */
export const paymentRefunded = defineEvent(
  'mercato.payments.payment.refunded.v1',
  Type.Composite([PaymentState, Type.Object({ refund: Type.Object({ id: Type.String(), amount: Type.Integer({ minimum: 1 }) }) })]),
);

/** Every event the payments service publishes. */
export const paymentsEvents = [paymentAuthorized, paymentCaptured, paymentVoided, paymentFailed, paymentRefunded];
