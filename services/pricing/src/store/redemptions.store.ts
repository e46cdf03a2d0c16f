import { fieldProblem, isUniqueViolation, newId, problem } from '@mercato/kit';
import { sql } from 'kysely';
import type { Redemption, RedemptionInput } from '../api/promotion.schemas.ts';
import { pricingErrors } from '../errors.ts';
import type { Db, Tx } from './context.ts';
import { normalizeCode } from './coupons.store.ts';
import { toPromotion } from './promotions.store.ts';

async function findIn(db: Db | Tx, id: string): Promise<Redemption | undefined> {
  const row = await db
    .selectFrom('redemptions')
    .innerJoin('promotions', 'promotions.id', 'redemptions.promotion_id')
    .selectAll('redemptions')
    .select('promotions.code as promotion_code')
    .where('redemptions.id', '=', id)
    .executeTakeFirst();
  return (
    row && {
      id: row.id,
      code: row.coupon_code,
      promotionId: row.promotion_id,
      promotionCode: row.promotion_code,
      accountId: row.account_id,
      reference: row.reference,
      status: row.status,
      createdAt: new Date(row.created_at).toISOString(),
      updatedAt: new Date(row.updated_at).toISOString(),
    }
  );
}

export const findRedemption = (db: Db, id: string) => findIn(db, id);

const codeProblem = (spec: (typeof pricingErrors)[keyof typeof pricingErrors], detail: string) => fieldProblem(spec, [{ pointer: 'body/code', detail }]);

/** The customer conditions a redemption can check without the cart: first order and customer group. */
async function unmetCustomerConditions(tx: Tx, promotion: ReturnType<typeof toPromotion>, accountId: string): Promise<string[]> {
  const unmet: string[] = [];
  for (const condition of promotion.conditions) {
    if (condition.type === 'first-order') {
      const ordered = await tx.selectFrom('ordered_accounts').select('account_id').where('account_id', '=', accountId).executeTakeFirst();
      if (ordered) unmet.push('first order only, and the customer has ordered before');
    }
    if (condition.type === 'customer-group') {
      const customer = await tx.selectFrom('customers').select('effective_groups').where('account_id', '=', accountId).executeTakeFirst();
      if (!condition.groups!.some((g) => customer?.effective_groups.includes(g))) unmet.push(`only for group ${condition.groups!.join(', ')}`);
    }
  }
  return unmet;
}

/**
 * Reserves one use of a coupon for an order or cart, atomically: the coupon's counter goes up only
 * while `uses < max_uses` (a conditional update: concurrent redemptions queue on the coupon row and
 * re-check), and the account's counter for the promotion likewise while under the per-customer
 * limit. Any refusal rolls back both. One live redemption per promotion and reference.
 */
export async function redeem(db: Db, input: RedemptionInput, now = Date.now()): Promise<Redemption> {
  const code = normalizeCode(input.code);
  const id = newId('redm');
  try {
    await db.transaction().execute(async (tx) => {
      const row = await tx
        .selectFrom('coupons')
        .innerJoin('promotions', 'promotions.id', 'coupons.promotion_id')
        .selectAll('promotions')
        .where('coupons.code', '=', code)
        .executeTakeFirst();
      if (!row) throw codeProblem(pricingErrors.unknownCoupon, `no coupon ${input.code}`);
      const promotion = toPromotion(row);
      if (!promotion.active) throw codeProblem(pricingErrors.couponInactive, `promotion ${promotion.code} is not active`);
      if (promotion.validFrom !== null && now < promotion.validFrom) throw codeProblem(pricingErrors.couponNotStarted, `starts ${row.valid_from!.toISOString()}`);
      if (promotion.validTo !== null && now >= promotion.validTo) throw codeProblem(pricingErrors.couponExpired, `ended ${row.valid_to!.toISOString()}`);
      const unmet = await unmetCustomerConditions(tx, promotion, input.accountId);
      if (unmet.length > 0) throw fieldProblem(pricingErrors.couponConditionsUnmet, [{ pointer: 'body/accountId', detail: unmet.join('; ') }]);

      const counted = await tx
        .updateTable('coupons')
        .set({ uses: sql`uses + 1` })
        .where('code', '=', code)
        .where((eb) => eb.or([eb('max_uses', 'is', null), eb('uses', '<', eb.ref('max_uses'))]))
        .returning('uses')
        .executeTakeFirst();
      if (!counted) throw codeProblem(pricingErrors.couponExhausted, `${code} has no uses left`);

      const limit = promotion.perCustomerLimit;
      const perAccount = await sql<{ uses: number }>`
        insert into promotion_account_uses (promotion_id, account_id, uses) values (${promotion.id}, ${input.accountId}, 1)
        on conflict (promotion_id, account_id) do update set uses = promotion_account_uses.uses + 1
        where ${limit}::integer is null or promotion_account_uses.uses < ${limit}::integer
        returning uses`.execute(tx);
      if (perAccount.rows.length === 0) {
        throw fieldProblem(pricingErrors.couponCustomerLimitReached, [{ pointer: 'body/accountId', detail: `at most ${limit} use(s) of ${promotion.code} per customer` }]);
      }
      await tx
        .insertInto('redemptions')
        .values({ id, promotion_id: promotion.id, coupon_code: code, account_id: input.accountId, reference: input.reference, status: 'reserved' })
        .execute();
    });
  } catch (error) {
    if (isUniqueViolation(error, 'redemptions_one_per_reference')) {
      throw fieldProblem(pricingErrors.couponAlreadyRedeemed, [{ pointer: 'body/reference', detail: `${input.reference} already has a live redemption of this promotion` }]);
    }
    throw error;
  }
  return (await findIn(db, id))!;
}

/** Locks a redemption row for a status change; a 404 when there is none. */
async function locked(tx: Tx, id: string) {
  const row = await tx.selectFrom('redemptions').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row) throw problem(pricingErrors.redemptionNotFound, `No redemption ${id}`);
  return row;
}

/** The order was placed: the use is final, and the account has now ordered ("first order"). Repeatable. */
export async function commitRedemption(db: Db, id: string): Promise<Redemption> {
  await db.transaction().execute(async (tx) => {
    const row = await locked(tx, id);
    if (row.status === 'released') throw problem(pricingErrors.redemptionReleased, `Redemption ${id} was released; redeem the coupon again`);
    if (row.status === 'committed') return;
    await tx.updateTable('redemptions').set({ status: 'committed', updated_at: new Date() }).where('id', '=', id).execute();
    await tx.insertInto('ordered_accounts').values({ account_id: row.account_id, source: 'committed-redemption' }).onConflict((oc) => oc.column('account_id').doNothing()).execute();
  });
  return (await findIn(db, id))!;
}

/** Compensation: the use goes back to the coupon and the account. Repeatable (a second release changes nothing). */
export async function releaseRedemption(db: Db, id: string): Promise<Redemption> {
  await db.transaction().execute(async (tx) => {
    const row = await locked(tx, id);
    if (row.status === 'released') return;
    await tx.updateTable('redemptions').set({ status: 'released', updated_at: new Date() }).where('id', '=', id).execute();
    await tx.updateTable('coupons').set({ uses: sql`uses - 1` }).where('code', '=', row.coupon_code).execute();
    await tx
      .updateTable('promotion_account_uses')
      .set({ uses: sql`uses - 1` })
      .where('promotion_id', '=', row.promotion_id)
      .where('account_id', '=', row.account_id)
      .execute();
  });
  return (await findIn(db, id))!;
}
