import type { Kind } from './kinds.ts';

export type DeliveryStatus = 'pending' | 'sent' | 'failed' | 'skipped';

/** Why a delivery was not sent at all. */
export type SkipReason = 'preference';

/** The rendered message of a delivery. */
export interface Content {
  subject: string;
  text: string;
  html: string;
}

/** One message for one recipient, caused by one event: the delivery log's row. */
export interface Delivery {
  id: string;
  eventId: string;
  eventType: string;
  kind: Kind;
  orderId: string;
  orderNumber: string;
  accountId: string | null;
  to: string;
  status: DeliveryStatus;
  reason: SkipReason | null;
  content: Content;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: Date | null;
  messageId: string | null;
  file: string | null;
  sentAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}
