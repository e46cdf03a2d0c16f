import type { Kysely } from 'kysely';
import { afterFailure, secondsLocked, type FailureRecord, type LockoutPolicy } from '../domain/lockout.ts';
import type { IdentityTables } from './tables.ts';

type Db = Kysely<IdentityTables>;

/** Seconds the email must still wait before it may try to sign in (0: not locked). */
export async function lockedSeconds(db: Db, email: string, now = new Date()): Promise<number> {
  const row = await db.selectFrom('login_failures').selectAll().where('email', '=', email).executeTakeFirst();
  return secondsLocked(row && toRecord(row), now);
}

/** Records a failed attempt (row-locked, so replicas counting at once do not lose failures). */
export async function recordFailure(db: Db, email: string, policy: LockoutPolicy, now = new Date()): Promise<FailureRecord> {
  return db.transaction().execute(async (tx) => {
    const row = await tx.selectFrom('login_failures').selectAll().where('email', '=', email).forUpdate().executeTakeFirst();
    const next = afterFailure(row && toRecord(row), now, policy);
    const values = { failures: next.failures, lockouts: next.lockouts, last_failed_at: next.lastFailedAt, locked_until: next.lockedUntil };
    await tx
      .insertInto('login_failures')
      .values({ email, ...values })
      .onConflict((oc) => oc.column('email').doUpdateSet(values))
      .execute();
    return next;
  });
}

/** Forgets the failures of an email after a successful sign-in. */
export async function clearFailures(db: Db, email: string): Promise<void> {
  await db.deleteFrom('login_failures').where('email', '=', email).execute();
}

function toRecord(row: IdentityTables['login_failures']): FailureRecord {
  return { failures: row.failures, lockouts: row.lockouts, lastFailedAt: row.last_failed_at, lockedUntil: row.locked_until };
}
