/**
 * The payments ledger is double-entry: each money movement is one entry that debits one account and
 * credits another by the same amount.
 * - `authorization-holds`: money held on customers' cards for us (authorized, not yet captured).
 * - `customer-cards`: the customers' side of every hold, capture and refund.
 * - `provider-receivable`: captured money the provider owes us (settlement), less refunds.
 */
export const LEDGER_ACCOUNTS = ['authorization-holds', 'customer-cards', 'provider-receivable'] as const;
export type LedgerAccount = (typeof LEDGER_ACCOUNTS)[number];

export const LEDGER_KINDS = ['authorization', 'capture', 'release', 'void', 'refund'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

/** Which account each kind of movement debits and credits. */
export const POSTINGS: Record<LedgerKind, { debit: LedgerAccount; credit: LedgerAccount }> = {
  authorization: { debit: 'authorization-holds', credit: 'customer-cards' },
  capture: { debit: 'provider-receivable', credit: 'authorization-holds' },
  release: { debit: 'customer-cards', credit: 'authorization-holds' },
  void: { debit: 'customer-cards', credit: 'authorization-holds' },
  refund: { debit: 'customer-cards', credit: 'provider-receivable' },
};

/** One order's figures, from the intents or from the ledger. */
export interface MoneyFigures {
  authorized: number;
  captured: number;
  /** Released holds: voids and the rest of partial captures. */
  voided: number;
  refunded: number;
}

export function emptyFigures(): MoneyFigures {
  return { authorized: 0, captured: 0, voided: 0, refunded: 0 };
}

/** Adds a ledger entry's amount to the figure its kind belongs to. */
export function addEntry(figures: MoneyFigures, kind: LedgerKind, amount: number): void {
  if (kind === 'authorization') figures.authorized += amount;
  else if (kind === 'capture') figures.captured += amount;
  else if (kind === 'refund') figures.refunded += amount;
  else figures.voided += amount;
}

export function sameFigures(a: MoneyFigures, b: MoneyFigures): boolean {
  return a.authorized === b.authorized && a.captured === b.captured && a.voided === b.voided && a.refunded === b.refunded;
}
