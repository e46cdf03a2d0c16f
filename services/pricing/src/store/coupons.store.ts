import { randomInt } from 'node:crypto';
import { decodeCursor, encodeCursor, type FieldError, fieldProblem, kitErrors, mapConstraint, problem } from '@mercato/kit';
import type { Selectable } from 'kysely';
import type { Coupon, CouponsInput } from '../api/promotion.schemas.ts';
import { pricingErrors } from '../errors.ts';
import type { Db } from './context.ts';
import { promotionNotFound } from './promotions.store.ts';
import type { PricingTables } from './tables.ts';

/** Codes are case-insensitive: this is the form they are stored and looked up in. */
export const normalizeCode = (code: string) => code.trim().toUpperCase();

/** Unambiguous characters for generated codes (no 0/O, 1/I/L). */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

function generatedCode(prefix: string, length: number): string {
  let code = prefix ? `${normalizeCode(prefix)}-` : '';
  for (let i = 0; i < length; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

function toCoupon(row: Selectable<PricingTables['coupons']>): Coupon {
  return { code: row.code, promotionId: row.promotion_id, maxUses: row.max_uses, uses: Number(row.uses), createdAt: row.created_at.toISOString() };
}

/**
 * Adds coupon codes to a promotion that has a coupon condition: the given `codes` (a code another
 * coupon has, in any case, is a 409 naming it; nothing is written) and/or `generate.count` random
 * ones (a collision is retried). Returns the created coupons.
 */
export async function createCoupons(db: Db, promotionId: string, input: CouponsInput): Promise<Coupon[]> {
  const given = (input.codes ?? []).map(normalizeCode);
  const repeated: FieldError[] = given.flatMap((code, i) => (given.indexOf(code) < i ? [{ pointer: `body/codes/${i}`, detail: `${code} appears earlier in the list` }] : []));
  if (repeated.length > 0) throw fieldProblem(pricingErrors.repeatedCoupon, repeated);
  if (given.length === 0 && !input.generate) throw fieldProblem(kitErrors.validationFailed, [{ pointer: 'body/codes', detail: 'give codes, generate, or both' }]);

  return db.transaction().execute(async (tx) => {
    const promotion = await tx.selectFrom('promotions').select(['id', 'conditions']).where('id', '=', promotionId).forShare().executeTakeFirst();
    if (!promotion) throw promotionNotFound(promotionId);
    if (!promotion.conditions.some((c) => c.type === 'coupon')) {
      throw problem(pricingErrors.couponsNotAccepted, `Promotion ${promotionId} applies without a code; add a coupon condition first`);
    }
    const maxUses = input.maxUses ?? null;
    if (given.length > 0) {
      const taken = new Set((await tx.selectFrom('coupons').select('code').where('code', 'in', given).execute()).map((r) => r.code));
      const conflicts = given.flatMap((code, i) => (taken.has(code) ? [{ pointer: `body/codes/${i}`, detail: `${code} is already a coupon code` }] : []));
      if (conflicts.length > 0) throw fieldProblem(pricingErrors.couponCodeTaken, conflicts);
      try {
        await tx.insertInto('coupons').values(given.map((code) => ({ code, promotion_id: promotionId, max_uses: maxUses }))).execute();
      } catch (error) {
        mapConstraint(error, { coupons_pkey: pricingErrors.couponCodeTaken });
      }
    }
    const generated: string[] = [];
    if (input.generate) {
      const { count, prefix = '', length = 10 } = input.generate;
      while (generated.length < count) {
        const batch = Array.from({ length: Math.min(1000, count - generated.length) }, () => generatedCode(prefix, length));
        const inserted = await tx
          .insertInto('coupons')
          .values([...new Set(batch)].map((code) => ({ code, promotion_id: promotionId, max_uses: maxUses })))
          .onConflict((oc) => oc.column('code').doNothing())
          .returning('code')
          .execute();
        generated.push(...inserted.map((r) => r.code));
      }
    }
    const rows = await tx.selectFrom('coupons').selectAll().where('code', 'in', [...given, ...generated]).orderBy('code').execute();
    return rows.map(toCoupon);
  });
}

export async function listCoupons(db: Db, promotionId: string, query: { limit: number; cursor?: string }) {
  let q = db.selectFrom('coupons').selectAll().where('promotion_id', '=', promotionId).orderBy('code').limit(query.limit + 1);
  if (query.cursor) q = q.where('code', '>', decodeCursor<{ code: string }>(query.cursor, ['code']).code);
  const rows = await q.execute();
  const items = rows.slice(0, query.limit).map(toCoupon);
  return { items, nextCursor: rows.length > query.limit ? encodeCursor({ code: items.at(-1)!.code }) : null };
}

export interface CouponFacts {
  code: string;
  promotionId: string;
  maxUses: number | null;
  uses: number;
}

/**
 * What a quote needs to know about entered coupons and the account: usage so far, and whether it has
 * ordered. The live redemptions of `reference` (the order or cart being quoted) are not counted: a
 * checkout that re-quotes after redeeming still sees its coupon apply.
 */
export async function couponFacts(db: Db, codes: readonly string[], accountId: string | null, reference?: string) {
  const normalized = [...new Set(codes.map(normalizeCode))];
  const [coupons, ordered, own] = await Promise.all([
    normalized.length > 0 ? db.selectFrom('coupons').select(['code', 'promotion_id', 'max_uses', 'uses']).where('code', 'in', normalized).execute() : [],
    accountId ? db.selectFrom('ordered_accounts').select('account_id').where('account_id', '=', accountId).executeTakeFirst() : undefined,
    reference && normalized.length > 0
      ? db.selectFrom('redemptions').select(['coupon_code', 'promotion_id', 'account_id']).where('reference', '=', reference).where('status', '<>', 'released').where('coupon_code', 'in', normalized).execute()
      : [],
  ]);
  const promotionIds = [...new Set(coupons.map((c) => c.promotion_id))];
  const uses = accountId && promotionIds.length > 0
    ? await db.selectFrom('promotion_account_uses').select(['promotion_id', 'uses']).where('account_id', '=', accountId).where('promotion_id', 'in', promotionIds).execute()
    : [];
  const ownOf = (matches: (r: (typeof own)[number]) => boolean) => own.filter(matches).length;
  return {
    coupons: new Map<string, CouponFacts>(
      coupons.map((c) => [c.code, { code: c.code, promotionId: c.promotion_id, maxUses: c.max_uses, uses: Number(c.uses) - ownOf((r) => r.coupon_code === c.code) }]),
    ),
    accountUses: new Map(uses.map((u) => [u.promotion_id, u.uses - ownOf((r) => r.promotion_id === u.promotion_id && r.account_id === accountId)])),
    hasOrdered: ordered !== undefined,
  };
}
