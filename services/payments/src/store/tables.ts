import type { ColumnType, Generated } from 'kysely';
import type { IntentStatus } from '../domain/intent.ts';
import type { LedgerAccount, LedgerKind } from '../domain/ledger.ts';

type CreatedAt = ColumnType<Date, Date | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | undefined, Date>;

/** The payments database, as Kysely sees it. */
export interface PaymentsTables {
  payment_intents: {
    id: string;
    reference: string;
    order_id: string;
    account_id: string | null;
    amount: number;
    currency: string;
    status: IntentStatus;
    captured_amount: Generated<number>;
    refunded_amount: Generated<number>;
    /** The part of the authorization given back: a void, or the rest after a partial capture. */
    released_amount: Generated<number>;
    card_brand: string;
    card_last4: string;
    /** The provider's token for the card (never the number). */
    card_token: string;
    provider: string;
    provider_ref: string | null;
    failure_code: string | null;
    failure_message: string | null;
    authorizing: Generated<boolean>;
    void_pending: Generated<boolean>;
    version: Generated<number>;
    created_at: CreatedAt;
    updated_at: UpdatedAt;
  };
  refunds: {
    id: string;
    intent_id: string;
    amount: number;
    reason: string | null;
    status: 'pending' | 'succeeded' | 'failed';
    provider_ref: string | null;
    failure_code: string | null;
    failure_message: string | null;
    created_at: CreatedAt;
    completed_at: Date | null;
  };
  ledger_entries: {
    id: string;
    intent_id: string;
    order_id: string;
    refund_id: string | null;
    kind: LedgerKind;
    debit_account: LedgerAccount;
    credit_account: LedgerAccount;
    amount: number;
    currency: string;
    created_at: CreatedAt;
  };
}
