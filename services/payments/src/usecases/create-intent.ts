import { fieldProblem, newId, problem } from '@mercato/kit';
import type { PaymentIntent } from '../domain/intent.ts';
import { paymentsErrors } from '../errors.ts';
import { UnsupportedCardError, type CardDetails, type TokenizedCard } from '../provider/provider.ts';
import type { Payments } from '../runtime.ts';
import { findIntentRowByReference, insertIntent, intentView, type IntentRow } from '../store/intents.store.ts';
import { authorizeIntent } from './authorize-intent.ts';

export interface CreateIntentInput {
  reference: string;
  orderId: string;
  accountId: string | null;
  amount: number;
  currency: string;
  card: CardDetails;
}

const WAIT_STEP_MS = 20;

/**
 * Creates the one intent of a reference and authorizes it. The unique reference decides between
 * concurrent creates: the first inserts and asks the provider, the others wait for its answer and
 * get the same intent (`created: false`), so the provider sees one authorization.
 */
export async function createIntent(payments: Payments, input: CreateIntentInput): Promise<{ intent: PaymentIntent; created: boolean }> {
  const card = tokenize(payments, input.card);
  const inserted = await insertIntent(payments.ctx.db, {
    id: newId('pay'),
    reference: input.reference,
    orderId: input.orderId,
    accountId: input.accountId,
    amount: input.amount,
    currency: input.currency,
    card,
    provider: payments.provider.name,
  });
  if (inserted) return { intent: await authorizeIntent(payments, inserted.id), created: true };

  const existing = (await findIntentRowByReference(payments.ctx.db, input.reference))!;
  if (existing.order_id !== input.orderId || existing.amount !== input.amount || existing.currency !== input.currency) {
    throw problem(paymentsErrors.referenceInUse, `Reference ${input.reference} is paid by ${existing.id} (order ${existing.order_id}, ${existing.amount} ${existing.currency})`, {
      intentId: existing.id,
    });
  }
  return { intent: await intentView(payments.ctx.db, await settled(payments, existing)), created: false };
}

function tokenize(payments: Payments, card: CardDetails): TokenizedCard {
  try {
    return payments.provider.tokenize(card);
  } catch (error) {
    if (error instanceof UnsupportedCardError) throw fieldProblem(paymentsErrors.unsupportedCard, [{ pointer: 'body/card/number', detail: error.message }]);
    throw error;
  }
}

/** The intent once its authorization is answered (or as it is when that takes longer than the provider may). */
async function settled(payments: Payments, row: IntentRow): Promise<IntentRow> {
  const deadline = Date.now() + payments.config.PAYMENTS_PROVIDER_TIMEOUT_MS + 1_000;
  let current = row;
  while (current.authorizing && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, WAIT_STEP_MS));
    current = (await findIntentRowByReference(payments.ctx.db, row.reference))!;
  }
  return current;
}
