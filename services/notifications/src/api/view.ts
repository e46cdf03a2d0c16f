import type { Static } from '@sinclair/typebox';
import type { Delivery } from '../domain/delivery.ts';
import type { Preferences } from '../domain/preferences.ts';
import type { Delivery as DeliverySchema, OwnDelivery, Preferences as PreferencesSchema } from './schemas.ts';

const iso = (date: Date | null) => date?.toISOString() ?? null;

export function deliveryView(d: Delivery): Static<typeof DeliverySchema> {
  return {
    id: d.id,
    kind: d.kind,
    status: d.status,
    reason: d.reason,
    orderId: d.orderId,
    orderNumber: d.orderNumber,
    accountId: d.accountId,
    to: d.to,
    subject: d.content.subject,
    eventId: d.eventId,
    eventType: d.eventType,
    attempts: d.attempts,
    lastError: d.lastError,
    nextAttemptAt: iso(d.nextAttemptAt),
    messageId: d.messageId,
    file: d.file,
    sentAt: iso(d.sentAt),
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
  };
}

export function ownDeliveryView(d: Delivery): Static<typeof OwnDelivery> {
  return { id: d.id, kind: d.kind, status: d.status, orderId: d.orderId, orderNumber: d.orderNumber, to: d.to, subject: d.content.subject, sentAt: iso(d.sentAt), createdAt: d.createdAt.toISOString() };
}

export function preferencesView(p: Preferences): Static<typeof PreferencesSchema> {
  return { accountId: p.accountId, email: p.email, version: p.version, updatedAt: iso(p.updatedAt) };
}
