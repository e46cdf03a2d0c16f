import type { ServiceApp } from '@mercato/kit';
import { Type } from '@sinclair/typebox';
import { SIGNATURE_HEADER } from '../provider/webhook-signature.ts';
import type { Payments } from '../runtime.ts';
import { receiveWebhook } from '../usecases/receive-webhook.ts';
import { WebhookAck } from './schemas.ts';

/**
 * The provider's notifications. The signature is the authentication, and it covers the exact bytes
 * sent, so this route keeps the body as text (its own JSON parser, in an encapsulated scope).
 */
export function webhookRoutes(app: ServiceApp, payments: Payments): void {
  app.register(async (scope) => {
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => done(null, body));
    scope.post(
      `/api/payments/webhooks/${payments.provider.name}`,
      {
        config: { access: 'public' },
        schema: {
          tags: ['webhooks'],
          summary: `Notifications from the ${payments.provider.name} payment provider`,
          description: `Signed with HMAC-SHA256: \`${SIGNATURE_HEADER}: t=<unix seconds>,v1=<hex HMAC of "<t>.<raw body>">\` keyed with PAYMENTS_WEBHOOK_SECRET; 401 \`invalid-webhook-signature\` otherwise.`,
          headers: Type.Object({ [SIGNATURE_HEADER]: Type.Optional(Type.String({ maxLength: 500 })) }),
          response: { 200: WebhookAck },
        },
      },
      async (request) => {
        const event = await receiveWebhook(payments, typeof request.body === 'string' ? request.body : '', request.headers);
        return { received: true, eventId: event.id };
      },
    );
  });
}
