import { sql, type Kysely } from 'kysely';

/**
 * Payment intents (one per checkout reference), their refunds and the double-entry ledger. Card
 * numbers are never stored: only the brand, the last four digits and the provider's card token.
 * The checks are the last line of defence against amounts the code should never write.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // authorizing: the provider's answer to the authorization is not applied yet (the recovery sweeper
  // re-drives it with the same provider idempotency key). void_pending: a void at the provider is owed.
  await sql`
    create table payment_intents (
      id text primary key,
      reference text not null,
      order_id text not null,
      account_id text,
      amount integer not null check (amount > 0),
      currency text not null,
      status text not null check (status in ('pending', 'authorized', 'declined', 'failed', 'voided', 'captured', 'partially_refunded', 'refunded')),
      captured_amount integer not null default 0 check (captured_amount >= 0),
      refunded_amount integer not null default 0 check (refunded_amount >= 0),
      released_amount integer not null default 0 check (released_amount >= 0),
      card_brand text not null,
      card_last4 text not null check (card_last4 ~ '^[0-9]{4}$'),
      card_token text not null,
      provider text not null,
      provider_ref text,
      failure_code text,
      failure_message text,
      authorizing boolean not null default true,
      void_pending boolean not null default false,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint payment_intents_reference unique (reference),
      constraint payment_intents_captured_within_amount check (captured_amount + released_amount <= amount),
      constraint payment_intents_refunded_within_captured check (refunded_amount <= captured_amount)
    )`.execute(db);
  await sql`create index payment_intents_order on payment_intents (order_id, id)`.execute(db);
  await sql`create index payment_intents_unfinished on payment_intents (updated_at) where authorizing or void_pending`.execute(db);

  // A pending refund holds its amount against the captured total until the provider answers.
  await sql`
    create table refunds (
      id text primary key,
      intent_id text not null references payment_intents (id),
      amount integer not null check (amount > 0),
      reason text,
      status text not null check (status in ('pending', 'succeeded', 'failed')),
      provider_ref text,
      failure_code text,
      failure_message text,
      created_at timestamptz not null default now(),
      completed_at timestamptz
    )`.execute(db);
  await sql`create index refunds_intent on refunds (intent_id, id)`.execute(db);
  await sql`create index refunds_pending on refunds (created_at) where status = 'pending'`.execute(db);

  await sql`
    create table ledger_entries (
      id text primary key,
      intent_id text not null references payment_intents (id),
      order_id text not null,
      refund_id text references refunds (id),
      kind text not null check (kind in ('authorization', 'capture', 'release', 'void', 'refund')),
      debit_account text not null,
      credit_account text not null check (credit_account <> debit_account),
      amount integer not null check (amount > 0),
      currency text not null,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index ledger_entries_order on ledger_entries (order_id, id)`.execute(db);
  await sql`create index ledger_entries_intent on ledger_entries (intent_id, id)`.execute(db);
}
