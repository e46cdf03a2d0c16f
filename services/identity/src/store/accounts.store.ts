import { accountRegistered } from '@mercato/contracts';
import { decodeCursor, encodeCursor, isUniqueViolation, newId, problem, type ServiceContext } from '@mercato/kit';
import type { Kysely, Selectable } from 'kysely';
import type { Account } from '../api/schemas.ts';
import { identityErrors } from '../errors.ts';

import type { IdentityTables } from './tables.ts';

type Db = Kysely<IdentityTables>;
/** An account row as stored, with its password hash (never leaves the service). */
export type AccountRow = Selectable<IdentityTables['accounts']>;

/** The public view of an account row. */
export function toAccount(row: AccountRow): Account {
  return { id: row.id, email: row.email, name: row.name, roles: row.roles, createdAt: row.created_at.toISOString() };
}

/**
 * Creates an account and publishes `account.registered` in the same transaction; a taken
 * (normalized) email is a 409 problem.
 */
export async function createAccount(
  ctx: Pick<ServiceContext<IdentityTables>, 'db' | 'events'>,
  input: { email: string; name: string; passwordHash: string; roles: string[] },
): Promise<Account> {
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      const row = await tx
        .insertInto('accounts')
        .values({ id: newId('acct'), email: input.email, name: input.name, password_hash: input.passwordHash, roles: input.roles })
        .returningAll()
        .executeTakeFirstOrThrow();
      const account = toAccount(row);
      await ctx.events.publish(tx, { type: accountRegistered.type, subject: account.id, data: account });
      return account;
    });
  } catch (error) {
    if (isUniqueViolation(error, 'accounts_email_key')) throw problem(identityErrors.emailTaken, `${input.email} is already registered`);
    throw error;
  }
}

/** The account row with this (normalized) email, if any. */
export function findAccountRowByEmail(db: Db, email: string): Promise<AccountRow | undefined> {
  return db.selectFrom('accounts').selectAll().where('email', '=', email).executeTakeFirst();
}

/** The account row with this id, if any. */
export function findAccountRow(db: Db, id: string): Promise<AccountRow | undefined> {
  return db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The account's roles, or [] when there is no such account. */
export async function rolesOf(db: Db, id: string): Promise<string[]> {
  const row = await db.selectFrom('accounts').select('roles').where('id', '=', id).executeTakeFirst();
  return row?.roles ?? [];
}

/** A page of accounts in id (creation) order. */
export async function listAccounts(db: Db, query: { limit: number; cursor?: string }): Promise<{ items: Account[]; nextCursor: string | null }> {
  let q = db.selectFrom('accounts').selectAll().orderBy('id').limit(query.limit + 1);
  if (query.cursor) q = q.where('id', '>', decodeCursor<{ after: string }>(query.cursor, ['after']).after);
  const rows = await q.execute();
  const items = rows.slice(0, query.limit).map(toAccount);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > query.limit && last ? encodeCursor({ after: last.id }) : null };
}

/** Replaces an account's roles; undefined when there is no such account. */
export async function setRoles(db: Db, id: string, roles: string[]): Promise<Account | undefined> {
  const row = await db
    .updateTable('accounts')
    .set({ roles: [...new Set(roles)], updated_at: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  return row && toAccount(row);
}

/** Stores a new password hash. */
export async function setPasswordHash(db: Db, id: string, passwordHash: string): Promise<void> {
  await db.updateTable('accounts').set({ password_hash: passwordHash, updated_at: new Date() }).where('id', '=', id).execute();
}
