import { problem, type ServiceApp } from '@mercato/kit';
import { PAYMENT_READERS, PAYMENT_WRITERS } from '../domain/access.ts';
import { paymentsErrors } from '../errors.ts';
import type { Payments } from '../runtime.ts';
import { findIntentRow, intentView, listIntentRows } from '../store/intents.store.ts';
import { createIntent } from '../usecases/create-intent.ts';
import { CreateIntentInput, IntentPage, IntentParams, IntentQuery, PaymentIntent } from './schemas.ts';

const tags = ['payment intents'];

/** Creating (authorizing), reading and listing payment intents. */
export function intentRoutes(app: ServiceApp, payments: Payments): void {
  const { db } = payments.ctx;

  app.post(
    '/api/payments/intents',
    {
      config: { access: PAYMENT_WRITERS, idempotent: true },
      schema: {
        tags,
        summary: 'Create a payment intent and authorize the card',
        description:
          'A decline or a provider timeout is not an error: the intent is created with status `declined` or `failed` and a `failure`. One intent per `reference`: creating again for the same reference answers the existing intent with 200 and never authorizes twice.',
        body: CreateIntentInput,
        response: { 200: PaymentIntent, 201: PaymentIntent },
      },
    },
    async (request, reply) => {
      const { intent, created } = await createIntent(payments, request.body);
      return reply.code(created ? 201 : 200).header('location', `/api/payments/intents/${intent.id}`).send(intent);
    },
  );

  app.get(
    '/api/payments/intents/:id',
    { config: { access: PAYMENT_READERS }, schema: { tags, summary: 'Get a payment intent', params: IntentParams, response: { 200: PaymentIntent } } },
    async (request) => {
      const row = await findIntentRow(db, request.params.id);
      if (!row) throw problem(paymentsErrors.intentNotFound, `No payment intent ${request.params.id}`);
      return intentView(db, row);
    },
  );

  app.get(
    '/api/payments/intents',
    { config: { access: PAYMENT_READERS }, schema: { tags, summary: 'Payment intents, newest first (by reference or order)', querystring: IntentQuery, response: { 200: IntentPage } } },
    async (request) => {
      const { rows, nextCursor } = await listIntentRows(db, request.query);
      return { items: await Promise.all(rows.map((row) => intentView(db, row))), nextCursor };
    },
  );
}
