import { customerUpserted } from '@mercato/contracts';
import { decodeCursor, encodeCursor, mapConstraint, newId, problem } from '@mercato/kit';
import { sql } from 'kysely';
import type { Customer, CustomerListQuery, CustomerPatch } from '../api/schemas.ts';
import { effectiveGroups } from '../domain/groups.ts';
import { customersErrors } from '../errors.ts';
import type { CustomersContext, Db, Tx } from './context.ts';
import { assertGroupsExist } from './groups.store.ts';
import { containing } from './like.ts';

const CONSTRAINTS = {
  customer_groups_group_code_fkey: customersErrors.unknownGroup,
  customers_company_id_fkey: customersErrors.unknownCompany,
};

function selectCustomers(db: Db) {
  return db
    .selectFrom('customers as c')
    .leftJoin('companies as co', 'co.id', 'c.company_id')
    .select(['c.id', 'c.account_id', 'c.email', 'c.name', 'c.phone', 'c.company_id', 'c.version', 'c.created_at', 'c.updated_at', 'co.group_code as company_group'])
    .select(sql<string[]>`array(select cg.group_code from customer_groups cg where cg.customer_id = c.id order by cg.group_code)`.as('groups'));
}

type CustomerRow = Awaited<ReturnType<ReturnType<typeof selectCustomers>['executeTakeFirstOrThrow']>>;

function toCustomer(row: CustomerRow): Customer {
  return {
    id: row.id,
    accountId: row.account_id,
    companyId: row.company_id,
    groups: row.groups,
    effectiveGroups: effectiveGroups(row.groups, row.company_group),
    version: row.version,
    updatedAt: row.updated_at.toISOString(),
    email: row.email,
    name: row.name,
    phone: row.phone,
    createdAt: row.created_at.toISOString(),
  };
}

export async function findCustomer(db: Db, id: string): Promise<Customer | undefined> {
  const row = await selectCustomers(db).where('c.id', '=', id).executeTakeFirst();
  return row && toCustomer(row);
}

export async function findCustomerByAccount(db: Db, accountId: string): Promise<Customer | undefined> {
  const row = await selectCustomers(db).where('c.account_id', '=', accountId).executeTakeFirst();
  return row && toCustomer(row);
}

/** A page of customers in id (creation) order, filtered by name/email, effective group or company. */
export async function listCustomers(db: Db, query: CustomerListQuery): Promise<{ items: Customer[]; nextCursor: string | null }> {
  let q = selectCustomers(db).orderBy('c.id').limit(query.limit + 1);
  if (query.q) {
    const like = containing(query.q);
    q = q.where((eb) => eb.or([eb('c.name', 'ilike', like), eb('c.email', 'ilike', like)]));
  }
  if (query.group) {
    const group = query.group;
    q = q.where((eb) =>
      eb.or([
        eb('co.group_code', '=', group),
        eb.exists(eb.selectFrom('customer_groups as cg').select('cg.customer_id').whereRef('cg.customer_id', '=', 'c.id').where('cg.group_code', '=', group)),
      ]),
    );
  }
  if (query.companyId) q = q.where('c.company_id', '=', query.companyId);
  if (query.cursor) q = q.where('c.id', '>', decodeCursor<{ after: string }>(query.cursor, ['after']).after);
  const rows = await q.execute();
  const items = rows.slice(0, query.limit).map(toCustomer);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > query.limit && last ? encodeCursor({ after: last.id }) : null };
}

/** Publishes the customer's current state in the transaction that changed it. */
export async function publishCustomer(ctx: CustomersContext, tx: Tx, id: string): Promise<Customer> {
  const customer = (await findCustomer(tx, id))!;
  const { email: _email, name: _name, phone: _phone, createdAt: _createdAt, ...state } = customer;
  await ctx.events.publish(tx, { type: customerUpserted.type, subject: id, data: state });
  return customer;
}

/**
 * Makes sure the account has a profile, whichever comes first: the registration event or the
 * customer's first request. Details the registration brings fill only what is still empty.
 * Publishes only when something changed, so running it again is harmless.
 */
export async function ensureCustomer(ctx: CustomersContext, tx: Tx, account: { accountId: string; email?: string; name?: string }): Promise<string> {
  const email = account.email ?? null;
  const name = account.name ?? '';
  const row = await tx
    .insertInto('customers')
    .values({ id: newId('cust'), account_id: account.accountId, email, name })
    .onConflict((oc) =>
      oc
        .column('account_id')
        .doUpdateSet({
          email: sql`coalesce(customers.email, excluded.email)`,
          name: sql`case when customers.name = '' then excluded.name else customers.name end`,
          version: sql`customers.version + 1`,
          updated_at: new Date(),
        })
        .where((eb) =>
          eb.or([
            eb.and([eb('customers.email', 'is', null), eb('excluded.email', 'is not', null)]),
            eb.and([eb('customers.name', '=', ''), eb('excluded.name', '<>', '')]),
          ]),
        ),
    )
    .returning('id')
    .executeTakeFirst();
  if (row) {
    await publishCustomer(ctx, tx, row.id);
    return row.id;
  }
  const existing = await tx.selectFrom('customers').select('id').where('account_id', '=', account.accountId).executeTakeFirstOrThrow();
  return existing.id;
}

/** The profile of the account, created on first use. */
export async function customerOfAccount(ctx: CustomersContext, accountId: string): Promise<Customer> {
  const existing = await findCustomerByAccount(ctx.db, accountId);
  if (existing) return existing;
  const id = await ctx.db.transaction().execute((tx) => ensureCustomer(ctx, tx, { accountId }));
  return (await findCustomer(ctx.db, id))!;
}

/**
 * Applies a patch if the customer is still at `expectedVersion`; returns the new state,
 * `undefined` when there is no such customer, or `'stale'` when someone else changed it first.
 * Unknown groups or companies are 400 problems naming the field; nothing is written then.
 */
export async function updateCustomer(ctx: CustomersContext, id: string, expectedVersion: number, patch: CustomerPatch): Promise<Customer | 'stale' | undefined> {
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      if (patch.groups) await assertGroupsExist(tx, patch.groups.map((code, i) => ({ code, pointer: `body/groups/${i}` })));
      if (patch.companyId) await assertCompanyExists(tx, patch.companyId);
      const updated = await tx
        .updateTable('customers')
        .set({
          ...(patch.name !== undefined && { name: patch.name }),
          ...(patch.email !== undefined && { email: patch.email }),
          ...(patch.phone !== undefined && { phone: patch.phone }),
          ...(patch.companyId !== undefined && { company_id: patch.companyId }),
          version: sql`version + 1`,
          updated_at: new Date(),
        })
        .where('id', '=', id)
        .where('version', '=', expectedVersion)
        .returning('id')
        .executeTakeFirst();
      if (!updated) {
        const exists = await tx.selectFrom('customers').select('id').where('id', '=', id).executeTakeFirst();
        return exists ? 'stale' : undefined;
      }
      if (patch.groups) await replaceGroups(tx, id, patch.groups);
      return publishCustomer(ctx, tx, id);
    });
  } catch (error) {
    mapConstraint(error, CONSTRAINTS);
  }
}

async function replaceGroups(tx: Tx, customerId: string, groups: readonly string[]): Promise<void> {
  await tx.deleteFrom('customer_groups').where('customer_id', '=', customerId).execute();
  if (groups.length > 0) await tx.insertInto('customer_groups').values(groups.map((group_code) => ({ customer_id: customerId, group_code }))).execute();
}

/**
 * Checks the company exists and holds it until commit: a concurrent change of its group then waits
 * for (and republishes) this buyer, or this buyer reads the group it committed, never a stale one.
 */
async function assertCompanyExists(tx: Tx, companyId: string): Promise<void> {
  const company = await tx.selectFrom('companies').select('id').where('id', '=', companyId).forShare().executeTakeFirst();
  if (!company) {
    throw problem(customersErrors.unknownCompany, `No company ${companyId}`, { errors: [{ pointer: 'body/companyId', detail: `no company ${companyId}` }] });
  }
}

/**
 * A company's group changed: every buyer's effective groups changed with it. Bumps their versions
 * and publishes each one's new state, in the company's transaction.
 */
export async function republishBuyers(ctx: CustomersContext, tx: Tx, companyId: string): Promise<number> {
  const buyers = await tx
    .updateTable('customers')
    .set({ version: sql`version + 1`, updated_at: new Date() })
    .where('company_id', '=', companyId)
    .returning('id')
    .execute();
  for (const { id } of buyers) await publishCustomer(ctx, tx, id);
  return buyers.length;
}
