import { defineErrors } from '@mercato/kit';

/**
 * The payments service's error catalog; each code is documented in docs/reference/errors.md.
 * A declined or timed-out authorization is not an error: the intent is created with status
 * `declined` or `failed` and says why in `failure`.
 */
export const paymentsErrors = defineErrors({
  intentNotFound: { status: 404, title: 'No such payment intent' },
  unsupportedCard: { status: 422, title: 'The card number is not one the payment provider accepts' },
  referenceInUse: { status: 409, title: 'The reference already has a payment intent with other details' },
  intentNotAuthorized: { status: 409, title: 'The payment intent is not authorized' },
  intentVoided: { status: 409, title: 'The payment intent was voided' },
  intentCaptured: { status: 409, title: 'The payment intent was captured; refund it instead' },
  alreadyCaptured: { status: 409, title: 'The payment intent was already captured with another amount' },
  captureExceedsAuthorized: { status: 422, title: 'The capture amount is more than was authorized' },
  captureFailed: { status: 402, title: 'The payment provider refused the capture' },
  intentNotCaptured: { status: 409, title: 'Only a captured payment can be refunded' },
  refundExceedsCaptured: { status: 409, title: 'The refund is more than is left to refund' },
  refundFailed: { status: 402, title: 'The payment provider refused the refund' },
  voidFailed: { status: 409, title: 'The payment provider refused the void' },
  providerTimeout: { status: 504, title: 'The payment provider did not answer in time; retry the request' },
  invalidWebhookSignature: { status: 401, title: 'The webhook signature is missing, stale or wrong' },
});
