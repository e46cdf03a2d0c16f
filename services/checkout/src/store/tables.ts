import type { ColumnType, Generated } from 'kysely';
import type { CheckoutStatus, SagaData } from '../domain/checkout.ts';

type Timestamp = ColumnType<Date, Date | undefined, Date>;
type Json<T> = ColumnType<T, string, string>;

/** The checkout database, as Kysely sees it. */
export interface CheckoutTables {
  checkouts: {
    id: string;
    /** `account:<id>` for a customer, `guest:<sha256 of the cart token>` for a guest. */
    owner: string;
    idempotency_key: string;
    /** SHA-256 of the request (card number excluded), to refuse a key reused for another request. */
    request_hash: string;
    cart_id: string;
    account_id: string | null;
    status: CheckoutStatus;
    /** The next step or compensation to run (`done` when finished). */
    step: string;
    data: Json<SagaData>;
    order_id: string | null;
    lease_owner: string | null;
    lease_until: Date;
    deadline: Date;
    version: Generated<number>;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
}
