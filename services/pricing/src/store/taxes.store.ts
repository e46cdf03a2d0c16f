import { mapConstraint } from '@mercato/kit';
import { pricingErrors } from '../errors.ts';
import type { Db } from './context.ts';

const CONSTRAINTS = {
  tax_rates_zone_code_fkey: pricingErrors.unknownTaxZone,
  tax_rates_class_code_fkey: pricingErrors.taxClassInUse,
  category_tax_classes_class_code_fkey: pricingErrors.taxClassInUse,
  shipping_methods_tax_class_fkey: pricingErrors.taxClassInUse,
  tax_zone_countries_pkey: pricingErrors.countryInOtherZone,
};

/** Runs a write, turning constraint violations into the problems they mean. */
async function mapped<T>(write: () => Promise<T>, constraints: Record<string, (typeof pricingErrors)[keyof typeof pricingErrors]> = CONSTRAINTS): Promise<T> {
  try {
    return await write();
  } catch (error) {
    mapConstraint(error, constraints);
  }
}

// Tax classes

export async function listTaxClasses(db: Db) {
  const rows = await db.selectFrom('tax_classes').selectAll().orderBy('code').execute();
  return rows.map((r) => ({ code: r.code, name: r.name, isDefault: r.is_default }));
}

/** Creates or renames a class; making it the default takes the flag from the previous default. */
export async function putTaxClass(db: Db, code: string, input: { name: string; isDefault?: boolean }) {
  const isDefault = input.isDefault ?? false;
  await db.transaction().execute(async (tx) => {
    if (isDefault) await tx.updateTable('tax_classes').set({ is_default: false }).where('is_default', '=', true).where('code', '<>', code).execute();
    await tx
      .insertInto('tax_classes')
      .values({ code, name: input.name, is_default: isDefault })
      .onConflict((oc) => oc.column('code').doUpdateSet({ name: input.name, is_default: isDefault }))
      .execute();
  });
  return { code, name: input.name, isDefault };
}

export async function deleteTaxClass(db: Db, code: string): Promise<boolean> {
  return mapped(async () => (await db.deleteFrom('tax_classes').where('code', '=', code).executeTakeFirst()).numDeletedRows > 0n);
}

// Tax zones

export async function listTaxZones(db: Db) {
  const zones = await db.selectFrom('tax_zones').selectAll().orderBy('code').execute();
  const countries = await db.selectFrom('tax_zone_countries').selectAll().orderBy('country').execute();
  return zones.map((z) => ({ code: z.code, name: z.name, countries: countries.filter((c) => c.zone_code === z.code).map((c) => c.country) }));
}

/** Creates or replaces a zone and its countries (a country in another zone is a 409). */
export async function putTaxZone(db: Db, code: string, input: { name: string; countries: string[] }) {
  await mapped(() =>
    db.transaction().execute(async (tx) => {
      await tx.insertInto('tax_zones').values({ code, name: input.name }).onConflict((oc) => oc.column('code').doUpdateSet({ name: input.name })).execute();
      await tx.deleteFrom('tax_zone_countries').where('zone_code', '=', code).execute();
      await tx.insertInto('tax_zone_countries').values(input.countries.map((country) => ({ country, zone_code: code }))).execute();
    }),
  );
  return { code, name: input.name, countries: [...input.countries].sort() };
}

export async function deleteTaxZone(db: Db, code: string): Promise<boolean> {
  return (await db.deleteFrom('tax_zones').where('code', '=', code).executeTakeFirst()).numDeletedRows > 0n;
}

// Rates

export async function listTaxRates(db: Db) {
  const rows = await db.selectFrom('tax_rates').selectAll().orderBy('zone_code').orderBy('class_code').execute();
  return rows.map((r) => ({ zone: r.zone_code, taxClass: r.class_code, rateBp: r.rate_bp }));
}

export async function putTaxRate(db: Db, zone: string, taxClass: string, rateBp: number) {
  await mapped(
    () =>
      db
        .insertInto('tax_rates')
        .values({ zone_code: zone, class_code: taxClass, rate_bp: rateBp })
        .onConflict((oc) => oc.columns(['zone_code', 'class_code']).doUpdateSet({ rate_bp: rateBp }))
        .execute(),
    { tax_rates_zone_code_fkey: pricingErrors.unknownTaxZone, tax_rates_class_code_fkey: pricingErrors.unknownTaxClass },
  );
  return { zone, taxClass, rateBp };
}

export async function deleteTaxRate(db: Db, zone: string, taxClass: string): Promise<boolean> {
  return (await db.deleteFrom('tax_rates').where('zone_code', '=', zone).where('class_code', '=', taxClass).executeTakeFirst()).numDeletedRows > 0n;
}

// Category → class

export async function listCategoryTaxClasses(db: Db) {
  const rows = await db.selectFrom('category_tax_classes').selectAll().orderBy('category_id').execute();
  return rows.map((r) => ({ categoryId: r.category_id, taxClass: r.class_code }));
}

export async function putCategoryTaxClass(db: Db, categoryId: string, taxClass: string) {
  await mapped(
    () =>
      db
        .insertInto('category_tax_classes')
        .values({ category_id: categoryId, class_code: taxClass })
        .onConflict((oc) => oc.column('category_id').doUpdateSet({ class_code: taxClass }))
        .execute(),
    { category_tax_classes_class_code_fkey: pricingErrors.unknownTaxClass },
  );
  return { categoryId, taxClass };
}

export async function deleteCategoryTaxClass(db: Db, categoryId: string): Promise<boolean> {
  return (await db.deleteFrom('category_tax_classes').where('category_id', '=', categoryId).executeTakeFirst()).numDeletedRows > 0n;
}

// What a quote needs

/** The zone of a country, and that zone's rates by class. */
export async function zoneOfCountry(db: Db, country: string): Promise<{ zone: string; rates: Map<string, number> } | undefined> {
  const row = await db.selectFrom('tax_zone_countries').select('zone_code').where('country', '=', country).executeTakeFirst();
  if (!row) return undefined;
  const rates = await db.selectFrom('tax_rates').select(['class_code', 'rate_bp']).where('zone_code', '=', row.zone_code).execute();
  return { zone: row.zone_code, rates: new Map(rates.map((r) => [r.class_code, r.rate_bp])) };
}

export async function defaultTaxClass(db: Db): Promise<string | undefined> {
  return (await db.selectFrom('tax_classes').select('code').where('is_default', '=', true).executeTakeFirst())?.code;
}

/** Per SKU: its weight, brand and category's path, plus the class mappings of every category on those paths. */
export async function skuFacts(db: Db, skus: readonly string[]) {
  const rows = await db
    .selectFrom('skus')
    .leftJoin('categories', 'categories.id', 'skus.category_id')
    .select(['skus.sku', 'skus.weight_grams', 'skus.category_id', 'skus.brand_id', 'categories.path'])
    .where('skus.sku', 'in', [...skus])
    .execute();
  const categoryIds = [...new Set(rows.flatMap((r) => r.path ?? (r.category_id ? [r.category_id] : [])))];
  const mappings = categoryIds.length
    ? await db.selectFrom('category_tax_classes').selectAll().where('category_id', 'in', categoryIds).execute()
    : [];
  return {
    skus: new Map(rows.map((r) => [r.sku, { weightGrams: r.weight_grams, brandId: r.brand_id, path: r.path ?? (r.category_id ? [r.category_id] : null) }])),
    mappings: new Map(mappings.map((m) => [m.category_id, m.class_code])),
  };
}
