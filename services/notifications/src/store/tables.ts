import type { ColumnType, Generated } from 'kysely';
import type { DeliveryStatus, SkipReason } from '../domain/delivery.ts';
import type { Kind } from '../domain/kinds.ts';

type Timestamp = ColumnType<Date, Date | undefined, Date>;

/** The notifications database, as Kysely sees it. */
export interface NotificationsTables {
  deliveries: {
    id: string;
    /** The CloudEvent that caused the message (with `kind`, unique: a redelivery records nothing). */
    event_id: string;
    event_type: string;
    kind: Kind;
    order_id: string;
    order_number: string;
    /** The customer's account; null for a guest order. */
    account_id: string | null;
    recipient: string;
    status: DeliveryStatus;
    reason: SkipReason | null;
    subject: string;
    text_body: string;
    html_body: string;
    attempts: Generated<number>;
    last_error: string | null;
    /** When the sender may (next) try; null once the delivery is final. Also the lease while sending. */
    next_attempt_at: Date | null;
    message_id: string | null;
    /** The .eml file written by the file transport. */
    file: string | null;
    /** The RFC 822 message as sent. */
    raw: Buffer | null;
    sent_at: Date | null;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
  preferences: {
    account_id: string;
    order_confirmation: boolean;
    shipping_updates: boolean;
    refunds: boolean;
    version: number;
    updated_at: Timestamp;
  };
}
