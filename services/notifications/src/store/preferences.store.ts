import { DEFAULT_EMAIL_PREFERENCES, type EmailPreferences, type Preferences } from '../domain/preferences.ts';
import type { Db, Tx } from './context.ts';

/** An account's preferences; the defaults (version 0) when it never saved any. */
export async function findPreferences(db: Db | Tx, accountId: string): Promise<Preferences> {
  const row = await db.selectFrom('preferences').selectAll().where('account_id', '=', accountId).executeTakeFirst();
  if (!row) return { accountId, email: { ...DEFAULT_EMAIL_PREFERENCES }, version: 0, updatedAt: null };
  return {
    accountId,
    email: { orderConfirmation: row.order_confirmation, shippingUpdates: row.shipping_updates, refunds: row.refunds },
    version: row.version,
    updatedAt: row.updated_at,
  };
}

/**
 * Replaces an account's preferences. With `expected`, only if they are still at that version (0:
 * never saved); 'stale' otherwise.
 */
export async function savePreferences(db: Db, accountId: string, email: EmailPreferences, expected: number | undefined): Promise<Preferences | 'stale'> {
  const values = { order_confirmation: email.orderConfirmation, shipping_updates: email.shippingUpdates, refunds: email.refunds, updated_at: new Date() };
  const returning = ['version', 'updated_at'] as const;
  let saved: { version: number; updated_at: Date } | undefined;
  if (expected === undefined) {
    saved = await db
      .insertInto('preferences')
      .values({ account_id: accountId, ...values, version: 1 })
      .onConflict((oc) => oc.column('account_id').doUpdateSet((eb) => ({ ...values, version: eb('preferences.version', '+', 1) })))
      .returning(returning)
      .executeTakeFirst();
  } else if (expected === 0) {
    saved = await db
      .insertInto('preferences')
      .values({ account_id: accountId, ...values, version: 1 })
      .onConflict((oc) => oc.column('account_id').doNothing())
      .returning(returning)
      .executeTakeFirst();
  } else {
    saved = await db
      .updateTable('preferences')
      .set((eb) => ({ ...values, version: eb('version', '+', 1) }))
      .where('account_id', '=', accountId)
      .where('version', '=', expected)
      .returning(returning)
      .executeTakeFirst();
  }
  if (!saved) return 'stale';
  return { accountId, email, version: saved.version, updatedAt: saved.updated_at };
}
