import { groupDeleted, groupUpserted } from '@mercato/contracts';
import { mapConstraint, problem } from '@mercato/kit';
import { sql, type Selectable } from 'kysely';
import type { Group, GroupInput, GroupPatch } from '../api/schemas.ts';
import { customersErrors } from '../errors.ts';
import type { CustomersContext, Db, Tx } from './context.ts';
import type { CustomersTables } from './tables.ts';

const CONSTRAINTS = {
  groups_pkey: customersErrors.groupExists,
  customer_groups_group_code_fkey: customersErrors.groupInUse,
  companies_group_code_fkey: customersErrors.groupInUse,
};

function toGroup(row: Selectable<CustomersTables['groups']>): Group {
  return { code: row.code, name: row.name, version: row.version };
}

export async function listGroups(db: Db): Promise<Group[]> {
  return (await db.selectFrom('groups').selectAll().orderBy('code').execute()).map(toGroup);
}

export async function findGroup(db: Db, code: string): Promise<Group | undefined> {
  const row = await db.selectFrom('groups').selectAll().where('code', '=', code).executeTakeFirst();
  return row && toGroup(row);
}

/** A 400 problem naming each field (JSON pointer) whose group code does not exist. */
export async function assertGroupsExist(tx: Tx, references: ReadonlyArray<{ code: string; pointer: string }>): Promise<void> {
  if (references.length === 0) return;
  const codes = [...new Set(references.map((r) => r.code))];
  const found = new Set((await tx.selectFrom('groups').select('code').where('code', 'in', codes).execute()).map((g) => g.code));
  const errors = references.filter((r) => !found.has(r.code)).map((r) => ({ pointer: r.pointer, detail: `no customer group ${r.code}` }));
  if (errors.length > 0) throw problem(customersErrors.unknownGroup, errors.map((e) => `${e.pointer}: ${e.detail}`).join('; '), { errors });
}

async function publishGroup(ctx: CustomersContext, tx: Tx, code: string): Promise<Group> {
  const group = (await findGroup(tx, code))!;
  await ctx.events.publish(tx, { type: groupUpserted.type, subject: code, data: group });
  return group;
}

export async function createGroup(ctx: CustomersContext, input: GroupInput): Promise<Group> {
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      await tx.insertInto('groups').values({ code: input.code, name: input.name }).execute();
      return publishGroup(ctx, tx, input.code);
    });
  } catch (error) {
    mapConstraint(error, CONSTRAINTS);
  }
}

/** Renames a group if it is still at `expectedVersion` (codes never change: prices refer to them). */
export async function updateGroup(ctx: CustomersContext, code: string, expectedVersion: number, patch: GroupPatch): Promise<Group | 'stale' | undefined> {
  return ctx.db.transaction().execute(async (tx) => {
    const updated = await tx
      .updateTable('groups')
      .set({ name: patch.name, version: sql`version + 1`, updated_at: new Date() })
      .where('code', '=', code)
      .where('version', '=', expectedVersion)
      .returning('code')
      .executeTakeFirst();
    if (!updated) return (await findGroup(tx, code)) ? 'stale' : undefined;
    return publishGroup(ctx, tx, code);
  });
}

/** Deletes a group nobody is in (a 409 problem otherwise); false when there is no such group. */
export async function deleteGroup(ctx: CustomersContext, code: string): Promise<boolean> {
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      const result = await tx.deleteFrom('groups').where('code', '=', code).executeTakeFirst();
      if (result.numDeletedRows === 0n) return false;
      await ctx.events.publish(tx, { type: groupDeleted.type, subject: code, data: { code } });
      return true;
    });
  } catch (error) {
    mapConstraint(error, CONSTRAINTS);
  }
}
