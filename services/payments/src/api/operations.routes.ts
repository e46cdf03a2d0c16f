import type { ServiceApp } from '@mercato/kit';
import { PAYMENT_WRITERS } from '../domain/access.ts';
import type { Payments } from '../runtime.ts';
import { captureIntent } from '../usecases/capture-intent.ts';
import { refundIntent } from '../usecases/refund-intent.ts';
import { voidIntent } from '../usecases/void-intent.ts';
import { CaptureInput, IntentParams, PaymentIntent, Refund, RefundInput } from './schemas.ts';

const tags = ['payment intents'];

/** Moving the money of an authorized intent: capture, void, refunds. */
export function operationRoutes(app: ServiceApp, payments: Payments): void {
  app.post(
    '/api/payments/intents/:id/capture',
    {
      config: { access: PAYMENT_WRITERS },
      // The body is optional: no body captures everything.
      preValidation: async (request) => {
        request.body ??= {};
      },
      schema: {
        tags,
        summary: 'Capture an authorized intent (repeatable)',
        description:
          'Captures `amount` (default: all that was authorized; the rest is released). Capturing a captured intent again answers it. 402 `capture-failed` when the provider refuses: the intent stays authorized with the failure recorded.',
        params: IntentParams,
        body: CaptureInput,
        response: { 200: PaymentIntent },
      },
    },
    async (request) => captureIntent(payments, request.params.id, request.body.amount),
  );

  app.post(
    '/api/payments/intents/:id/void',
    {
      config: { access: PAYMENT_WRITERS },
      schema: {
        tags,
        summary: 'Void an authorized or pending intent (repeatable)',
        description: 'Releases the hold. A no-op on declined, failed and voided intents; 409 `intent-captured` on a captured one.',
        params: IntentParams,
        response: { 200: PaymentIntent },
      },
    },
    async (request) => voidIntent(payments, request.params.id),
  );

  app.post(
    '/api/payments/intents/:id/refunds',
    {
      config: { access: PAYMENT_WRITERS, idempotent: true },
      schema: {
        tags,
        summary: 'Refund part or all of a captured intent',
        description: 'Never more than captured minus refunded (409 `refund-exceeds-captured` names what is `refundable`). Send an Idempotency-Key to retry safely.',
        params: IntentParams,
        body: RefundInput,
        response: { 201: Refund },
      },
    },
    async (request, reply) => {
      const { refund, intent } = await refundIntent(payments, request.params.id, request.body.amount, request.body.reason ?? null);
      return reply.code(201).send({ ...refund, intent });
    },
  );
}
