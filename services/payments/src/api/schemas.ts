import { CurrencyCode } from '@mercato/contracts';
import { Type, type Static } from '@sinclair/typebox';
import { INTENT_STATUSES } from '../domain/intent.ts';
import { LEDGER_ACCOUNTS, LEDGER_KINDS } from '../domain/ledger.ts';

const Id = Type.String({ minLength: 1, maxLength: 100 });
const Amount = Type.Integer({ minimum: 1, maximum: 1_000_000_000_000, description: 'Minor units, more than 0' });
const Money = Type.Integer({ description: 'Minor units' });
const Timestamp = Type.String({ format: 'date-time' });
const Failure = Type.Object({ code: Type.String(), message: Type.String() });

export const IntentParams = Type.Object({ id: Type.String({ maxLength: 100 }) });

export const CreateIntentInput = Type.Object(
  {
    reference: Type.String({ minLength: 1, maxLength: 120, description: 'Your reference, e.g. the checkout id: one intent per reference' }),
    orderId: Id,
    accountId: Type.Union([Id, Type.Null()]),
    amount: Amount,
    currency: CurrencyCode,
    card: Type.Object(
      {
        number: Type.String({ pattern: '^[0-9][0-9 -]{10,22}[0-9]$', description: 'Only the brand and last four digits are kept' }),
        expMonth: Type.Optional(Type.Integer({ minimum: 1, maximum: 12 })),
        expYear: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
        cvc: Type.Optional(Type.String({ pattern: '^[0-9]{3,4}$' })),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type CreateIntentInput = Static<typeof CreateIntentInput>;

export const CaptureInput = Type.Object({ amount: Type.Optional(Amount) }, { additionalProperties: false });
export const RefundInput = Type.Object(
  { amount: Amount, reason: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })) },
  { additionalProperties: false },
);

const RefundSummary = Type.Object({ id: Type.String(), amount: Type.Integer(), reason: Type.Union([Type.String(), Type.Null()]), createdAt: Timestamp });

export const PaymentIntent = Type.Object({
  id: Type.String({ description: '`pay_…`' }),
  reference: Type.String(),
  orderId: Type.String(),
  accountId: Type.Union([Type.String(), Type.Null()]),
  amount: Type.Integer({ description: 'Authorized (asked) amount, minor units' }),
  currency: Type.String(),
  status: Type.Union(INTENT_STATUSES.map((s) => Type.Literal(s))),
  capturedAmount: Money,
  refundedAmount: Money,
  card: Type.Object({ brand: Type.String(), last4: Type.String() }),
  failure: Type.Union([Failure, Type.Null()], { description: 'Why it was declined or failed, or why the last capture was refused' }),
  refunds: Type.Array(RefundSummary),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: Type.Integer(),
});

export const Refund = Type.Object({
  id: Type.String({ description: '`rfd_…`' }),
  intentId: Type.String(),
  amount: Type.Integer(),
  reason: Type.Union([Type.String(), Type.Null()]),
  createdAt: Timestamp,
  intent: PaymentIntent,
});

const Limit = Type.Integer({ minimum: 1, maximum: 100, default: 50 });
const Cursor = Type.Optional(Type.String({ maxLength: 200 }));

export const IntentQuery = Type.Object(
  { reference: Type.Optional(Type.String({ maxLength: 120 })), orderId: Type.Optional(Type.String({ maxLength: 100 })), limit: Limit, cursor: Cursor },
  { additionalProperties: false },
);
export const IntentPage = Type.Object({ items: Type.Array(PaymentIntent), nextCursor: Type.Union([Type.String(), Type.Null()]) });

export const LedgerQuery = Type.Object(
  { orderId: Type.Optional(Type.String({ maxLength: 100 })), intentId: Type.Optional(Type.String({ maxLength: 100 })), limit: Limit, cursor: Cursor },
  { additionalProperties: false },
);
const Account = Type.Union(LEDGER_ACCOUNTS.map((a) => Type.Literal(a)));
export const LedgerPage = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      intentId: Type.String(),
      orderId: Type.String(),
      refundId: Type.Union([Type.String(), Type.Null()]),
      kind: Type.Union(LEDGER_KINDS.map((k) => Type.Literal(k))),
      debitAccount: Account,
      creditAccount: Account,
      amount: Type.Integer(),
      currency: Type.String(),
      createdAt: Timestamp,
    }),
  ),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});

export const ReconciliationQuery = Type.Object({ orderId: Type.Optional(Type.String({ maxLength: 100 })) }, { additionalProperties: false });
export const Reconciliation = Type.Object({
  balanced: Type.Boolean({ description: 'Debits equal credits, and every intent agrees with its ledger entries' }),
  totals: Type.Object({ debits: Money, credits: Money }),
  accounts: Type.Array(Type.Object({ account: Account, currency: Type.String(), debits: Money, credits: Money, balance: Money })),
  orders: Type.Array(
    Type.Object({
      orderId: Type.String(),
      currency: Type.String(),
      authorized: Money,
      captured: Money,
      voided: Type.Integer({ description: 'Released holds: voids and the rest of partial captures' }),
      refunded: Money,
      net: Type.Integer({ description: 'Captured minus refunded' }),
      held: Type.Integer({ description: 'Still held on the card' }),
      balanced: Type.Boolean(),
    }),
  ),
});

export const WebhookAck = Type.Object({ received: Type.Boolean(), eventId: Type.String() });
