import { type FieldError, fieldProblem, mapConstraint } from '@mercato/kit';
import type { ShippingMethod, ShippingMethodInput } from '../api/schemas.ts';
import { normalizeBands, type ShippingRate as DomainRate } from '../domain/shipping.ts';
import { pricingErrors } from '../errors.ts';
import type { Db } from './context.ts';
import type { PricingTables } from './tables.ts';
import type { Selectable } from 'kysely';

type RateRow = Selectable<PricingTables['shipping_rates']>;

function toRate(row: RateRow): ShippingMethod['rates'][number] {
  const freeOver = row.free_over;
  return row.kind === 'flat'
    ? { zone: row.zone_code, currency: row.currency, kind: 'flat', amount: row.amount!, freeOver }
    : { zone: row.zone_code, currency: row.currency, kind: 'weight', bands: row.bands!, freeOver };
}

export async function listShippingMethods(db: Db): Promise<ShippingMethod[]> {
  const methods = await db.selectFrom('shipping_methods').selectAll().orderBy('code').execute();
  const rates = await db.selectFrom('shipping_rates').selectAll().orderBy('zone_code').orderBy('currency').execute();
  return methods.map((m) => ({
    code: m.code,
    name: m.name,
    taxClass: m.tax_class,
    active: m.active,
    rates: rates.filter((r) => r.method_code === m.code).map(toRate),
  }));
}

export async function findShippingMethod(db: Db, code: string): Promise<ShippingMethod | undefined> {
  return (await listShippingMethods(db)).find((m) => m.code === code);
}

/** Creates or replaces a method with all its rates; bands are stored sorted by weight. */
export async function putShippingMethod(db: Db, code: string, input: ShippingMethodInput): Promise<{ method: ShippingMethod; created: boolean }> {
  const errors: FieldError[] = [];
  const keys = input.rates.map((r) => `${r.zone} ${r.currency}`);
  keys.forEach((key, i) => {
    if (keys.indexOf(key) !== i) errors.push({ pointer: `body/rates/${i}`, detail: `a rate for zone and currency ${key} comes earlier` });
  });
  if (errors.length > 0) throw fieldProblem(pricingErrors.repeatedShippingRate, errors);
  const rows = input.rates.map((rate, i) => {
    const bands = rate.kind === 'weight' ? normalizeBands(rate.bands) : null;
    if (bands === false) errors.push({ pointer: `body/rates/${i}/bands`, detail: 'two bands share a maxGrams' });
    return {
      method_code: code,
      zone_code: rate.zone,
      currency: rate.currency,
      kind: rate.kind,
      amount: rate.kind === 'flat' ? rate.amount : null,
      bands: bands ? JSON.stringify(bands) : null,
      free_over: rate.freeOver ?? null,
    };
  });
  if (errors.length > 0) throw fieldProblem(pricingErrors.invalidWeightBands, errors);
  try {
    const created = await db.transaction().execute(async (tx) => {
      const existing = await tx.selectFrom('shipping_methods').select('code').where('code', '=', code).forUpdate().executeTakeFirst();
      const values = { name: input.name, tax_class: input.taxClass ?? null, active: input.active ?? true };
      await tx.insertInto('shipping_methods').values({ code, ...values }).onConflict((oc) => oc.column('code').doUpdateSet(values)).execute();
      await tx.deleteFrom('shipping_rates').where('method_code', '=', code).execute();
      if (rows.length > 0) await tx.insertInto('shipping_rates').values(rows).execute();
      return !existing;
    });
    return { method: (await findShippingMethod(db, code))!, created };
  } catch (error) {
    mapConstraint(error, {
      shipping_methods_tax_class_fkey: pricingErrors.unknownTaxClass,
      shipping_rates_zone_code_fkey: pricingErrors.unknownTaxZone,
      shipping_rates_currency_fkey: pricingErrors.unsupportedCurrency,
    });
  }
}

export async function deleteShippingMethod(db: Db, code: string): Promise<boolean> {
  return (await db.deleteFrom('shipping_methods').where('code', '=', code).executeTakeFirst()).numDeletedRows > 0n;
}

/** What a quote needs: the method (if active) and its rate for the zone and currency. */
export async function shippingRateFor(db: Db, method: string, zone: string, currency: string): Promise<{ taxClass: string | null; rate: DomainRate | undefined } | undefined> {
  const row = await db.selectFrom('shipping_methods').select(['tax_class', 'active']).where('code', '=', method).executeTakeFirst();
  if (!row || !row.active) return undefined;
  const rate = await db.selectFrom('shipping_rates').selectAll().where('method_code', '=', method).where('zone_code', '=', zone).where('currency', '=', currency).executeTakeFirst();
  if (!rate) return { taxClass: row.tax_class, rate: undefined };
  return {
    taxClass: row.tax_class,
    rate: rate.kind === 'flat' ? { kind: 'flat', amount: rate.amount!, freeOver: rate.free_over } : { kind: 'weight', bands: rate.bands!, freeOver: rate.free_over },
  };
}
