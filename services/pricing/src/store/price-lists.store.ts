import { priceChanged, priceListDeleted, priceListUpserted } from '@mercato/contracts';
import { decodeCursor, encodeCursor, fieldProblem, mapConstraint, newId, problem } from '@mercato/kit';
import { sql, type Selectable } from 'kysely';
import type { PriceList, PriceListInput, PriceListPatch } from '../api/schemas.ts';
import { pricingErrors } from '../errors.ts';
import type { Db, PricingContext, Tx } from './context.ts';
import { recordChanges } from './changes.store.ts';
import { enabledCurrency } from './currencies.store.ts';
import type { PricingTables } from './tables.ts';

const CONSTRAINTS = { price_lists_code_key: pricingErrors.priceListCodeTaken };

type Row = Selectable<PricingTables['price_lists']> & { tax_mode: 'gross' | 'net' };

const iso = (date: Date | null) => (date ? date.toISOString() : null);

function toPriceList(row: Row): PriceList {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    kind: row.kind,
    currency: row.currency,
    taxMode: row.tax_mode,
    channel: row.channel,
    groupCode: row.group_code,
    companyId: row.company_id,
    customerId: row.customer_id,
    priority: row.priority,
    validFrom: iso(row.valid_from),
    validTo: iso(row.valid_to),
    active: row.active,
    version: row.version,
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

function selectLists(db: Db) {
  return db.selectFrom('price_lists').innerJoin('currencies', 'currencies.code', 'price_lists.currency').selectAll('price_lists').select('currencies.tax_mode');
}

export async function findPriceList(db: Db, id: string): Promise<PriceList | undefined> {
  const row = await selectLists(db).where('price_lists.id', '=', id).executeTakeFirst();
  return row && toPriceList(row);
}

export async function listPriceLists(db: Db, query: { limit: number; cursor?: string; currency?: string; kind?: PriceList['kind'] }) {
  let q = selectLists(db).orderBy('price_lists.id').limit(query.limit + 1);
  if (query.cursor) q = q.where('price_lists.id', '>', decodeCursor<{ id: string }>(query.cursor, ['id']).id);
  if (query.currency) q = q.where('price_lists.currency', '=', query.currency);
  if (query.kind) q = q.where('price_lists.kind', '=', query.kind);
  const rows = await q.execute();
  const items = rows.slice(0, query.limit).map(toPriceList);
  return { items, nextCursor: rows.length > query.limit ? encodeCursor({ id: items.at(-1)!.id }) : null };
}

/** The kind-specific fields must match the kind (a 422 naming the field otherwise). */
function assertConsistent(list: { kind: PriceList['kind']; groupCode: string | null; companyId: string | null; customerId: string | null; validFrom: string | null; validTo: string | null }): void {
  const errors = [];
  const present = { groupCode: list.groupCode !== null, companyId: list.companyId !== null, customerId: list.customerId !== null };
  if (list.kind === 'group' && !present.groupCode) errors.push({ pointer: 'body/groupCode', detail: 'a group list needs the customer group' });
  if (list.kind !== 'group' && present.groupCode) errors.push({ pointer: 'body/groupCode', detail: `a ${list.kind} list has no group` });
  if (list.kind === 'contract' && present.companyId === present.customerId) {
    errors.push({ pointer: 'body/companyId', detail: 'a contract list is for exactly one of companyId or customerId' });
  }
  if (list.kind !== 'contract' && (present.companyId || present.customerId)) {
    errors.push({ pointer: present.companyId ? 'body/companyId' : 'body/customerId', detail: `only contract lists are for a company or customer` });
  }
  if (list.validFrom && list.validTo && Date.parse(list.validFrom) >= Date.parse(list.validTo)) {
    errors.push({ pointer: 'body/validTo', detail: 'must be after validFrom' });
  }
  if (errors.length > 0) throw fieldProblem(pricingErrors.invalidPriceList, errors);
}

async function publishList(ctx: PricingContext, tx: Tx, id: string): Promise<PriceList> {
  const list = (await findPriceList(tx, id))!;
  await ctx.events.publish(tx, { type: priceListUpserted.type, subject: id, data: list });
  await recordChanges(tx, [{ kind: 'list', key: id }]);
  return list;
}

export async function createPriceList(ctx: PricingContext, input: PriceListInput): Promise<PriceList> {
  const list = {
    kind: input.kind,
    groupCode: input.groupCode ?? null,
    companyId: input.companyId ?? null,
    customerId: input.customerId ?? null,
    validFrom: input.validFrom ?? null,
    validTo: input.validTo ?? null,
  };
  assertConsistent(list);
  await enabledCurrency(ctx.db, input.currency, 'body/currency');
  const id = newId('plist');
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      await tx
        .insertInto('price_lists')
        .values({
          id,
          code: input.code,
          name: input.name,
          kind: input.kind,
          currency: input.currency,
          channel: input.channel ?? null,
          group_code: list.groupCode,
          company_id: list.companyId,
          customer_id: list.customerId,
          priority: input.priority ?? 0,
          valid_from: list.validFrom ? new Date(list.validFrom) : null,
          valid_to: list.validTo ? new Date(list.validTo) : null,
          active: input.active ?? true,
        })
        .execute();
      return publishList(ctx, tx, id);
    });
  } catch (error) {
    mapConstraint(error, CONSTRAINTS);
  }
}

/** Applies a patch if the list is still at `expectedVersion`. */
export async function updatePriceList(ctx: PricingContext, id: string, expectedVersion: number, patch: PriceListPatch): Promise<PriceList | 'stale' | undefined> {
  return ctx.db.transaction().execute(async (tx) => {
    const current = await findPriceList(tx, id);
    if (!current) return undefined;
    if (current.version !== expectedVersion) return 'stale';
    assertConsistent({ ...current, ...patch });
    const set: Record<string, unknown> = { version: sql`version + 1`, updated_at: new Date() };
    if (patch.name !== undefined) set.name = patch.name;
    if (patch.channel !== undefined) set.channel = patch.channel;
    if (patch.priority !== undefined) set.priority = patch.priority;
    if (patch.active !== undefined) set.active = patch.active;
    if (patch.validFrom !== undefined) set.valid_from = patch.validFrom ? new Date(patch.validFrom) : null;
    if (patch.validTo !== undefined) set.valid_to = patch.validTo ? new Date(patch.validTo) : null;
    const updated = await tx.updateTable('price_lists').set(set).where('id', '=', id).where('version', '=', expectedVersion).returning('id').executeTakeFirst();
    if (!updated) return 'stale';
    return publishList(ctx, tx, id);
  });
}

/**
 * Deletes a list and its prices; every SKU it priced gets a price.changed without tiers, so that
 * consumers drop the list's prices without knowing about lists.
 */
export async function deletePriceList(ctx: PricingContext, id: string, expectedVersion: number | undefined): Promise<boolean | 'stale'> {
  return ctx.db.transaction().execute(async (tx) => {
    const list = await findPriceList(tx, id);
    if (!list) return false;
    if (expectedVersion !== undefined && list.version !== expectedVersion) return 'stale';
    const skus = await tx.selectFrom('prices').select('sku').distinct().where('list_id', '=', id).orderBy('sku').execute();
    await tx.deleteFrom('price_lists').where('id', '=', id).execute();
    const changedAt = new Date().toISOString();
    await ctx.events.publishMany(
      tx,
      skus.map(({ sku }) => ({
        type: priceChanged.type,
        subject: `${id}:${sku}`,
        data: { listId: id, listCode: list.code, kind: list.kind, sku, currency: list.currency, taxMode: list.taxMode, channel: list.channel, tiers: [], changedAt },
      })),
    );
    await ctx.events.publish(tx, { type: priceListDeleted.type, subject: id, data: { id } });
    await recordChanges(tx, [{ kind: 'list', key: id }]);
    return true;
  });
}

export function notFound(id: string) {
  return problem(pricingErrors.priceListNotFound, `No price list ${id}`);
}
