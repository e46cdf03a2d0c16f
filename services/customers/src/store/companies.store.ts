import { companyUpserted } from '@mercato/contracts';
import { decodeCursor, encodeCursor, mapConstraint, newId } from '@mercato/kit';
import { sql, type Selectable } from 'kysely';
import type { Company, CompanyInput, CompanyListQuery, CompanyPatch } from '../api/schemas.ts';
import { normalizeVatId } from '../domain/vat.ts';
import { customersErrors } from '../errors.ts';
import type { CustomersContext, Db, Tx } from './context.ts';
import { republishBuyers } from './customers.store.ts';
import { assertGroupsExist } from './groups.store.ts';
import { containing } from './like.ts';
import type { CustomersTables } from './tables.ts';

const CONSTRAINTS = {
  companies_vat_id_key: customersErrors.vatIdTaken,
  companies_group_code_fkey: customersErrors.unknownGroup,
};

function toCompany(row: Selectable<CustomersTables['companies']>): Company {
  return {
    id: row.id,
    name: row.name,
    vatId: row.vat_id,
    groupCode: row.group_code,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export async function findCompany(db: Db, id: string): Promise<Company | undefined> {
  const row = await db.selectFrom('companies').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toCompany(row);
}

/** A page of companies in id (creation) order, optionally filtered by name or VAT id. */
export async function listCompanies(db: Db, query: CompanyListQuery): Promise<{ items: Company[]; nextCursor: string | null }> {
  let q = db.selectFrom('companies').selectAll().orderBy('id').limit(query.limit + 1);
  if (query.q) {
    const search = query.q;
    q = q.where((eb) => eb.or([eb('name', 'ilike', containing(search)), eb('vat_id', 'ilike', containing(normalizeVatId(search)))]));
  }
  if (query.cursor) q = q.where('id', '>', decodeCursor<{ after: string }>(query.cursor, ['after']).after);
  const rows = await q.execute();
  const items = rows.slice(0, query.limit).map(toCompany);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > query.limit && last ? encodeCursor({ after: last.id }) : null };
}

async function publishCompany(ctx: CustomersContext, tx: Tx, id: string): Promise<Company> {
  const company = (await findCompany(tx, id))!;
  await ctx.events.publish(tx, { type: companyUpserted.type, subject: id, data: company });
  return company;
}

export async function createCompany(ctx: CustomersContext, input: CompanyInput): Promise<Company> {
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      if (input.groupCode) await assertGroupsExist(tx, [{ code: input.groupCode, pointer: 'body/groupCode' }]);
      const id = newId('comp');
      await tx
        .insertInto('companies')
        .values({ id, name: input.name, vat_id: input.vatId ? normalizeVatId(input.vatId) : null, group_code: input.groupCode ?? null })
        .execute();
      return publishCompany(ctx, tx, id);
    });
  } catch (error) {
    mapConstraint(error, CONSTRAINTS);
  }
}

/**
 * Applies a patch if the company is still at `expectedVersion`. A new group changes every buyer's
 * effective groups, so each buyer is re-published in the same transaction.
 */
export async function updateCompany(ctx: CustomersContext, id: string, expectedVersion: number, patch: CompanyPatch): Promise<Company | 'stale' | undefined> {
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      if (patch.groupCode) await assertGroupsExist(tx, [{ code: patch.groupCode, pointer: 'body/groupCode' }]);
      const before = await tx.selectFrom('companies').select(['group_code', 'version']).where('id', '=', id).forUpdate().executeTakeFirst();
      if (!before) return undefined;
      if (before.version !== expectedVersion) return 'stale';
      await tx
        .updateTable('companies')
        .set({
          ...(patch.name !== undefined && { name: patch.name }),
          ...(patch.vatId !== undefined && { vat_id: patch.vatId === null ? null : normalizeVatId(patch.vatId) }),
          ...(patch.groupCode !== undefined && { group_code: patch.groupCode }),
          version: sql`version + 1`,
          updated_at: new Date(),
        })
        .where('id', '=', id)
        .execute();
      const company = await publishCompany(ctx, tx, id);
      if (company.groupCode !== before.group_code) await republishBuyers(ctx, tx, id);
      return company;
    });
  } catch (error) {
    mapConstraint(error, CONSTRAINTS);
  }
}
