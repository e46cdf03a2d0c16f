import { addEntry, emptyFigures, sameFigures, type LedgerAccount, type MoneyFigures } from '../domain/ledger.ts';
import type { Db } from '../store/context.ts';
import { accountTotals, ledgerSums } from '../store/ledger.store.ts';

export interface OrderReconciliation extends MoneyFigures {
  orderId: string;
  currency: string;
  /** Captured minus refunded: what the order is paid, net. */
  net: number;
  /** Money still held on the card (authorized, neither captured nor released). */
  held: number;
  /** The ledger agrees with every intent of the order. */
  balanced: boolean;
}

export interface Reconciliation {
  balanced: boolean;
  totals: { debits: number; credits: number };
  accounts: Array<{ account: LedgerAccount; currency: string; debits: number; credits: number; balance: number }>;
  orders: OrderReconciliation[];
}

/**
 * Compares the ledger with the intents, per order. Balanced when total debits equal total credits
 * and, for every intent, the ledger's authorized, captured, released and refunded sums equal the
 * intent's own figures and its hold is what its status says is still held.
 */
export async function reconcile(db: Db, orderId?: string): Promise<Reconciliation> {
  const [intents, sums, accounts] = await Promise.all([intentFigures(db, orderId), ledgerSums(db, orderId), accountTotals(db, orderId)]);
  const ledgerByIntent = new Map<string, MoneyFigures>();
  for (const sum of sums) {
    const figures = ledgerByIntent.get(sum.intent_id) ?? emptyFigures();
    addEntry(figures, sum.kind, sum.total);
    ledgerByIntent.set(sum.intent_id, figures);
  }

  const orders = new Map<string, OrderReconciliation>();
  for (const intent of intents) {
    const key = `${intent.order_id} ${intent.currency}`;
    const order = orders.get(key) ?? { orderId: intent.order_id, currency: intent.currency, ...emptyFigures(), net: 0, held: 0, balanced: true };
    const ledger = ledgerByIntent.get(intent.id) ?? emptyFigures();
    const held = ledger.authorized - ledger.captured - ledger.voided;
    if (!sameFigures(ledger, intent.figures) || held !== intent.held) order.balanced = false;
    order.authorized += ledger.authorized;
    order.captured += ledger.captured;
    order.voided += ledger.voided;
    order.refunded += ledger.refunded;
    order.net = order.captured - order.refunded;
    order.held += held;
    orders.set(key, order);
  }
  const debits = accounts.reduce((total, a) => total + a.debits, 0);
  const credits = accounts.reduce((total, a) => total + a.credits, 0);
  const ordersList = [...orders.values()].sort((a, b) => a.orderId.localeCompare(b.orderId));
  return {
    balanced: debits === credits && ordersList.every((order) => order.balanced),
    totals: { debits, credits },
    accounts: accounts.map((a) => ({ ...a, balance: a.debits - a.credits })),
    orders: ordersList,
  };
}

/** What each intent says happened to its money. */
async function intentFigures(db: Db, orderId?: string) {
  let query = db
    .selectFrom('payment_intents')
    .select(['id', 'order_id', 'currency', 'status', 'amount', 'captured_amount', 'released_amount', 'refunded_amount'])
    .orderBy('id');
  if (orderId) query = query.where('order_id', '=', orderId);
  const rows = await query.execute();
  return rows.map((row) => {
    const everAuthorized = ['authorized', 'captured', 'partially_refunded', 'refunded'].includes(row.status) || (row.status === 'voided' && row.released_amount > 0);
    return {
      id: row.id,
      order_id: row.order_id,
      currency: row.currency,
      held: row.status === 'authorized' ? row.amount : 0,
      figures: {
        authorized: everAuthorized ? row.amount : 0,
        captured: row.captured_amount,
        voided: row.released_amount,
        refunded: row.refunded_amount,
      },
    };
  });
}
