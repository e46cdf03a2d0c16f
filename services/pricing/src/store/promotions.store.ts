import { promotionDeleted, promotionUpserted } from '@mercato/contracts';
import { decodeCursor, encodeCursor, fieldProblem, mapConstraint, newId, problem } from '@mercato/kit';
import { sql, type Selectable } from 'kysely';
import type { PromotionInput, PromotionPatch, PromotionState } from '../api/promotion.schemas.ts';
import type { Promotion } from '../domain/promotions/definition.ts';
import { definitionErrors } from '../domain/promotions/validate.ts';
import { pricingErrors } from '../errors.ts';
import { recordChanges } from './changes.store.ts';
import type { Db, PricingContext, Tx } from './context.ts';
import { enabledCurrency } from './currencies.store.ts';
import type { PricingTables } from './tables.ts';

type Row = Selectable<PricingTables['promotions']>;

const CONSTRAINTS = { promotions_code_key: pricingErrors.promotionCodeTaken };
const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function toPromotionState(row: Row): PromotionState {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    description: row.description,
    currency: row.currency,
    conditions: row.conditions,
    action: row.action,
    priority: row.priority,
    stacking: row.stacking,
    perCustomerLimit: row.per_customer_limit,
    validFrom: iso(row.valid_from),
    validTo: iso(row.valid_to),
    active: row.active,
    version: row.version,
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/** The promotion as the quote evaluates it. */
export function toPromotion(row: Row): Promotion {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    currency: row.currency,
    conditions: row.conditions,
    action: row.action,
    priority: row.priority,
    stacking: row.stacking,
    perCustomerLimit: row.per_customer_limit,
    validFrom: row.valid_from?.getTime() ?? null,
    validTo: row.valid_to?.getTime() ?? null,
    active: row.active,
  };
}

export async function findPromotion(db: Db, id: string): Promise<PromotionState | undefined> {
  const row = await db.selectFrom('promotions').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toPromotionState(row);
}

export async function listPromotions(db: Db, query: { limit: number; cursor?: string; active?: boolean }) {
  let q = db.selectFrom('promotions').selectAll().orderBy('id').limit(query.limit + 1);
  if (query.cursor) q = q.where('id', '>', decodeCursor<{ id: string }>(query.cursor, ['id']).id);
  if (query.active !== undefined) q = q.where('active', '=', query.active);
  const rows = await q.execute();
  const items = rows.slice(0, query.limit).map(toPromotionState);
  return { items, nextCursor: rows.length > query.limit ? encodeCursor({ id: items.at(-1)!.id }) : null };
}

/** A 422 naming every field a definition gets wrong, and the currency when it is not enabled. */
async function assertValid(db: Db, definition: Parameters<typeof definitionErrors>[0]): Promise<void> {
  const errors = definitionErrors(definition);
  if (errors.length > 0) throw fieldProblem(pricingErrors.invalidPromotion, errors);
  if (definition.currency !== null) await enabledCurrency(db, definition.currency, 'body/currency');
}

async function publishPromotion(ctx: PricingContext, tx: Tx, id: string): Promise<PromotionState> {
  const promotion = (await findPromotion(tx, id))!;
  await ctx.events.publish(tx, { type: promotionUpserted.type, subject: id, data: promotion });
  await recordChanges(tx, [{ kind: 'promotion', key: id }]);
  return promotion;
}

const json = (value: unknown) => JSON.stringify(value);

export async function createPromotion(ctx: PricingContext, input: PromotionInput): Promise<PromotionState> {
  const definition = {
    currency: input.currency ?? null,
    conditions: input.conditions ?? [],
    action: input.action,
    perCustomerLimit: input.perCustomerLimit ?? null,
    validFrom: input.validFrom ?? null,
    validTo: input.validTo ?? null,
  };
  await assertValid(ctx.db, definition);
  const id = newId('promo');
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      await tx
        .insertInto('promotions')
        .values({
          id,
          code: input.code,
          name: input.name,
          description: input.description ?? '',
          currency: definition.currency,
          conditions: json(definition.conditions),
          action: json(definition.action),
          priority: input.priority ?? 0,
          stacking: input.stacking ?? 'stackable',
          per_customer_limit: definition.perCustomerLimit,
          valid_from: definition.validFrom ? new Date(definition.validFrom) : null,
          valid_to: definition.validTo ? new Date(definition.validTo) : null,
          active: input.active ?? true,
        })
        .execute();
      return publishPromotion(ctx, tx, id);
    });
  } catch (error) {
    mapConstraint(error, CONSTRAINTS);
  }
}

/** Applies a patch if the promotion is still at `expectedVersion`; the merged definition is checked as a whole. */
export async function updatePromotion(ctx: PricingContext, id: string, expectedVersion: number, patch: PromotionPatch): Promise<PromotionState | 'stale' | undefined> {
  return ctx.db.transaction().execute(async (tx) => {
    const current = await findPromotion(tx, id);
    if (!current) return undefined;
    if (current.version !== expectedVersion) return 'stale';
    const merged = { ...current, ...patch };
    await assertValid(tx, merged);
    const set: Record<string, unknown> = { version: sql`version + 1`, updated_at: new Date() };
    if (patch.name !== undefined) set.name = patch.name;
    if (patch.description !== undefined) set.description = patch.description;
    if (patch.currency !== undefined) set.currency = patch.currency;
    if (patch.conditions !== undefined) set.conditions = json(patch.conditions);
    if (patch.action !== undefined) set.action = json(patch.action);
    if (patch.priority !== undefined) set.priority = patch.priority;
    if (patch.stacking !== undefined) set.stacking = patch.stacking;
    if (patch.perCustomerLimit !== undefined) set.per_customer_limit = patch.perCustomerLimit;
    if (patch.validFrom !== undefined) set.valid_from = patch.validFrom ? new Date(patch.validFrom) : null;
    if (patch.validTo !== undefined) set.valid_to = patch.validTo ? new Date(patch.validTo) : null;
    if (patch.active !== undefined) set.active = patch.active;
    const updated = await tx.updateTable('promotions').set(set).where('id', '=', id).where('version', '=', expectedVersion).returning('id').executeTakeFirst();
    if (!updated) return 'stale';
    return publishPromotion(ctx, tx, id);
  });
}

/** Deletes a promotion with its coupons and redemptions (deactivate it instead to keep the history). */
export async function deletePromotion(ctx: PricingContext, id: string, expectedVersion: number | undefined): Promise<boolean | 'stale'> {
  return ctx.db.transaction().execute(async (tx) => {
    const current = await tx.selectFrom('promotions').select('version').where('id', '=', id).forUpdate().executeTakeFirst();
    if (!current) return false;
    if (expectedVersion !== undefined && current.version !== expectedVersion) return 'stale';
    await tx.deleteFrom('promotions').where('id', '=', id).execute();
    await ctx.events.publish(tx, { type: promotionDeleted.type, subject: id, data: { id } });
    await recordChanges(tx, [{ kind: 'promotion', key: id }]);
    return true;
  });
}

export function promotionNotFound(id: string) {
  return problem(pricingErrors.promotionNotFound, `No promotion ${id}`);
}
