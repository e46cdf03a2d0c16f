import { priceChanged } from '@mercato/contracts';
import { decodeCursor, encodeCursor, type FieldError, fieldProblem } from '@mercato/kit';
import { sql } from 'kysely';
import type { BulkPricesInput, PriceList, SkuPrices } from '../api/schemas.ts';
import { pricingErrors } from '../errors.ts';
import { recordChanges } from './changes.store.ts';
import type { Db, PricingContext, Tx } from './context.ts';
import { findPriceList } from './price-lists.store.ts';

/** A 400 for repeated SKUs or tiers sharing a minimum quantity; nothing is written. */
function assertWellFormed(items: BulkPricesInput['items']): void {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.sku)) errors.push({ pointer: `body/items/${i}/sku`, detail: `${item.sku} appears more than once` });
    seen.add(item.sku);
  });
  if (errors.length > 0) throw fieldProblem(pricingErrors.repeatedSku, errors);
  items.forEach((item, i) => {
    const quantities = item.tiers.map((t) => t.minQuantity);
    if (new Set(quantities).size !== quantities.length) errors.push({ pointer: `body/items/${i}/tiers`, detail: 'two tiers share a minQuantity' });
  });
  if (errors.length > 0) throw fieldProblem(pricingErrors.invalidTiers, errors);
}

/** A 422 naming each item whose SKU the catalog does not have. */
async function assertSkusKnown(tx: Tx, items: BulkPricesInput['items']): Promise<void> {
  const known = new Set((await tx.selectFrom('skus').select('sku').where('sku', 'in', items.map((i) => i.sku)).execute()).map((r) => r.sku));
  const errors = items.flatMap((item, i) => (known.has(item.sku) ? [] : [{ pointer: `body/items/${i}/sku`, detail: `the catalog has no SKU ${item.sku}`, sku: item.sku }]));
  if (errors.length > 0) throw fieldProblem(pricingErrors.unknownSku, errors);
}

function changed(list: PriceList, sku: string, tiers: SkuPrices['tiers'], changedAt: string) {
  return {
    type: priceChanged.type,
    subject: `${list.id}:${sku}`,
    data: { listId: list.id, listCode: list.code, kind: list.kind, sku, currency: list.currency, taxMode: list.taxMode, channel: list.channel, tiers, changedAt },
  };
}

/**
 * Replaces the tiers of each given SKU in the list (SKUs not named keep theirs), in one transaction
 * with one price.changed per SKU. Undefined when the list does not exist.
 */
export async function upsertPrices(ctx: PricingContext, listId: string, items: BulkPricesInput['items']): Promise<{ upserted: number } | undefined> {
  assertWellFormed(items);
  return ctx.db.transaction().execute(async (tx) => {
    const list = await findPriceList(tx, listId);
    if (!list) return undefined;
    await assertSkusKnown(tx, items);
    const skus = items.map((i) => i.sku);
    await tx.deleteFrom('prices').where('list_id', '=', listId).where('sku', 'in', skus).execute();
    const rows = items.flatMap((item) => item.tiers.map((t) => ({ sku: item.sku, min: t.minQuantity, amount: t.amount })));
    await sql`insert into prices (sku, list_id, min_quantity, amount)
      select sku, ${listId}, min, amount from unnest(${rows.map((r) => r.sku)}::text[], ${rows.map((r) => r.min)}::int[], ${rows.map((r) => r.amount)}::bigint[]) as t(sku, min, amount)`.execute(tx);
    const changedAt = new Date().toISOString();
    const sorted = [...items].sort((a, b) => (a.sku < b.sku ? -1 : 1));
    await ctx.events.publishMany(tx, sorted.map((item) => changed(list, item.sku, [...item.tiers].sort((a, b) => a.minQuantity - b.minQuantity), changedAt)));
    await recordChanges(tx, sorted.map((item) => ({ kind: 'price' as const, key: item.sku, listId })));
    return { upserted: items.length };
  });
}

/** Removes a SKU from the list; false when the list did not price it (or does not exist). */
export async function deleteSkuPrices(ctx: PricingContext, listId: string, sku: string): Promise<boolean> {
  return ctx.db.transaction().execute(async (tx) => {
    const list = await findPriceList(tx, listId);
    if (!list) return false;
    const result = await tx.deleteFrom('prices').where('list_id', '=', listId).where('sku', '=', sku).executeTakeFirst();
    if (result.numDeletedRows === 0n) return false;
    await ctx.events.publish(tx, changed(list, sku, [], new Date().toISOString()));
    await recordChanges(tx, [{ kind: 'price', key: sku, listId }]);
    return true;
  });
}

/** The list's prices, one item per SKU in SKU order. */
export async function listPrices(db: Db, listId: string, query: { limit: number; cursor?: string }): Promise<{ items: SkuPrices[]; nextCursor: string | null }> {
  let skuQuery = db.selectFrom('prices').select('sku').distinct().where('list_id', '=', listId).orderBy('sku').limit(query.limit + 1);
  if (query.cursor) skuQuery = skuQuery.where('sku', '>', decodeCursor<{ sku: string }>(query.cursor, ['sku']).sku);
  const skus = (await skuQuery.execute()).map((r) => r.sku);
  const page = skus.slice(0, query.limit);
  if (page.length === 0) return { items: [], nextCursor: null };
  const rows = await db.selectFrom('prices').select(['sku', 'min_quantity', 'amount']).where('list_id', '=', listId).where('sku', 'in', page).orderBy('sku').orderBy('min_quantity').execute();
  const bySku = new Map<string, SkuPrices>(page.map((sku) => [sku, { sku, tiers: [] }]));
  for (const row of rows) bySku.get(row.sku)!.tiers.push({ minQuantity: row.min_quantity, amount: row.amount });
  return { items: [...bySku.values()], nextCursor: skus.length > query.limit ? encodeCursor({ sku: page.at(-1)! }) : null };
}
