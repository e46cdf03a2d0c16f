import { Type, type Static } from '@sinclair/typebox';
import { KINDS } from '../domain/kinds.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const DateTime = Type.String({ format: 'date-time' });

export const Kind = Type.Union(KINDS.map((k) => Type.Literal(k)), { description: 'What the message is about' });
export const Status = Type.Union([Type.Literal('pending'), Type.Literal('sent'), Type.Literal('failed'), Type.Literal('skipped')], {
  description: 'pending: waiting to be (re)tried; sent: accepted by the transport; failed: given up after the last attempt; skipped: not sent (see reason)',
});

const EmailPreferences = Type.Object(
  {
    orderConfirmation: Type.Boolean({ description: 'The confirmation of a placed order' }),
    shippingUpdates: Type.Boolean({ description: 'Shipment with carrier and tracking' }),
    refunds: Type.Boolean({ description: 'Partial and full refunds' }),
  },
  { additionalProperties: false },
);

export const Preferences = Type.Object({
  accountId: Type.String(),
  email: EmailPreferences,
  version: Type.Integer({ minimum: 0, description: '0 until first saved (all defaults); send it back in If-Match' }),
  updatedAt: Nullable(DateTime),
});

export const PreferencesInput = Type.Object({ email: EmailPreferences }, { additionalProperties: false });
export type PreferencesInput = Static<typeof PreferencesInput>;

/** A delivery as staff see it. */
export const Delivery = Type.Object({
  id: Type.String(),
  kind: Kind,
  status: Status,
  reason: Nullable(Type.Literal('preference', { description: 'Why a delivery was skipped: the customer turned the kind off' })),
  orderId: Type.String(),
  orderNumber: Type.String(),
  accountId: Nullable(Type.String()),
  to: Type.String({ description: 'The recipient address' }),
  subject: Type.String(),
  eventId: Type.String({ description: 'The order event that caused the message' }),
  eventType: Type.String(),
  attempts: Type.Integer({ minimum: 0 }),
  lastError: Nullable(Type.String()),
  nextAttemptAt: Nullable(DateTime),
  messageId: Nullable(Type.String({ description: 'The Message-ID header' })),
  file: Nullable(Type.String({ description: 'The .eml file (file transport)' })),
  sentAt: Nullable(DateTime),
  createdAt: DateTime,
  updatedAt: DateTime,
});

/** A delivery as its customer sees it. */
export const OwnDelivery = Type.Pick(Delivery, ['id', 'kind', 'status', 'orderId', 'orderNumber', 'to', 'subject', 'sentAt', 'createdAt']);

const Page = <T extends ReturnType<typeof Type.Object>>(item: T) => Type.Object({ items: Type.Array(item), nextCursor: Nullable(Type.String()) });
export const DeliveryPage = Page(Delivery);
export const OwnDeliveryPage = Page(OwnDelivery);

const Paging = {
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
  cursor: Type.Optional(Type.String({ maxLength: 200, description: '`nextCursor` of the previous page' })),
};

export const DeliveryQuery = Type.Object(
  {
    ...Paging,
    orderId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    to: Type.Optional(Type.String({ minLength: 3, maxLength: 254, description: 'Recipient address (case-insensitive, exact)' })),
    kind: Type.Optional(Kind),
    status: Type.Optional(Status),
  },
  { additionalProperties: false },
);
export type DeliveryQuery = Static<typeof DeliveryQuery>;

export const OwnDeliveryQuery = Type.Object({ ...Paging, orderId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })) }, { additionalProperties: false });
export type OwnDeliveryQuery = Static<typeof OwnDeliveryQuery>;

export const IdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });
