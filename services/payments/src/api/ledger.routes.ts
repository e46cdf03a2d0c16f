import type { ServiceApp } from '@mercato/kit';
import { PAYMENT_READERS } from '../domain/access.ts';
import type { Payments } from '../runtime.ts';
import { listEntries } from '../store/ledger.store.ts';
import { reconcile } from '../usecases/reconcile.ts';
import { LedgerPage, LedgerQuery, Reconciliation, ReconciliationQuery } from './schemas.ts';

const tags = ['ledger'];

/** The double-entry ledger of every money movement, and its reconciliation with the intents. */
export function ledgerRoutes(app: ServiceApp, payments: Payments): void {
  const { db } = payments.ctx;

  app.get(
    '/api/payments/ledger',
    { config: { access: PAYMENT_READERS }, schema: { tags, summary: 'Ledger entries, oldest first (by order or intent)', querystring: LedgerQuery, response: { 200: LedgerPage } } },
    async (request) => listEntries(db, request.query),
  );

  app.get(
    '/api/payments/reconciliation',
    {
      config: { access: PAYMENT_READERS },
      schema: {
        tags,
        summary: 'Per order: authorized, captured, voided, refunded and net, and whether the ledger balances',
        querystring: ReconciliationQuery,
        response: { 200: Reconciliation },
      },
    },
    async (request) => reconcile(db, request.query.orderId),
  );
}
