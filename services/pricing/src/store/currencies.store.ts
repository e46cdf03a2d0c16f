import { fieldProblem, problem } from '@mercato/kit';
import type { Currency } from '../api/schemas.ts';
import { minorUnitsOf } from '../domain/currencies.ts';
import { pricingErrors } from '../errors.ts';
import { recordChanges } from './changes.store.ts';
import type { Db } from './context.ts';

export async function listCurrencies(db: Db): Promise<Currency[]> {
  const rows = await db.selectFrom('currencies').selectAll().orderBy('code').execute();
  return rows.map((r) => ({ code: r.code, minorUnits: r.minor_units, taxMode: r.tax_mode }));
}

/** The enabled currency `code`; a 422 naming `pointer` when it is not ISO 4217 or not enabled. */
export async function enabledCurrency(db: Db, code: string, pointer: string): Promise<Currency> {
  if (minorUnitsOf(code) === undefined) {
    throw fieldProblem(pricingErrors.unknownCurrency, [{ pointer, detail: `${code} is not an ISO 4217 code this service knows (upper case, e.g. EUR)` }]);
  }
  const row = await db.selectFrom('currencies').selectAll().where('code', '=', code).executeTakeFirst();
  if (!row) throw fieldProblem(pricingErrors.unsupportedCurrency, [{ pointer, detail: `${code} is not enabled for selling` }]);
  return { code: row.code, minorUnits: row.minor_units, taxMode: row.tax_mode };
}

/**
 * Enables a currency or changes its tax mode; the mode cannot change while price lists or shipping
 * rates use the currency (their amounts were entered in it).
 */
export async function putCurrency(db: Db, code: string, taxMode: 'gross' | 'net'): Promise<{ currency: Currency; created: boolean }> {
  const minorUnits = minorUnitsOf(code);
  if (minorUnits === undefined) throw fieldProblem(pricingErrors.unknownCurrency, [{ pointer: 'params/code', detail: `${code} is not an ISO 4217 code this service knows` }]);
  return db.transaction().execute(async (tx) => {
    const current = await tx.selectFrom('currencies').selectAll().where('code', '=', code).forUpdate().executeTakeFirst();
    if (current && current.tax_mode !== taxMode) {
      const used = await tx.selectFrom('price_lists').select('id').where('currency', '=', code).limit(1).executeTakeFirst() ??
        (await tx.selectFrom('shipping_rates').select('method_code').where('currency', '=', code).limit(1).executeTakeFirst());
      if (used) throw problem(pricingErrors.currencyInUse, `Price lists or shipping rates in ${code} were entered ${current.tax_mode}`);
    }
    await tx
      .insertInto('currencies')
      .values({ code, minor_units: minorUnits, tax_mode: taxMode })
      .onConflict((oc) => oc.column('code').doUpdateSet({ tax_mode: taxMode }))
      .execute();
    await recordChanges(tx, [{ kind: 'currency', key: code }]);
    return { currency: { code, minorUnits, taxMode }, created: !current };
  });
}
