import { sql, type Selectable } from 'kysely';
import type { Cart, Notice, PricedCart, StoredLine } from '../domain/cart.ts';
import type { Db, Tx } from './context.ts';
import type { CartTables } from './tables.ts';

type Row = Selectable<CartTables['carts']>;

function toCart(row: Row): Cart {
  return {
    id: row.id,
    accountId: row.account_id,
    tokenHash: row.token_hash,
    status: row.status,
    checkoutId: row.checkout_id,
    orderId: row.order_id,
    currency: row.currency,
    minorUnits: row.minor_units,
    channel: row.channel,
    shipping: row.shipping_country && row.shipping_method ? { country: row.shipping_country, method: row.shipping_method } : null,
    lines: row.lines,
    coupons: row.coupons,
    priced: row.priced,
    pricedAt: row.priced_at,
    stale: row.stale,
    notices: row.notices,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastActiveAt: row.last_active_at,
  };
}

export async function findCart(db: Db | Tx, id: string): Promise<Cart | undefined> {
  const row = await db.selectFrom('carts').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toCart(row);
}

/** The account's open cart, or the one a checkout holds (it still counts as their one cart). */
export async function findOpenCartOfAccount(db: Db, accountId: string): Promise<Cart | undefined> {
  const row = await db.selectFrom('carts').selectAll().where('account_id', '=', accountId).where('status', 'in', ['open', 'checking_out']).executeTakeFirst();
  return row && toCart(row);
}

export interface NewCart {
  id: string;
  accountId: string | null;
  tokenHash: string | null;
  currency: string;
  minorUnits: number;
  channel: 'web' | 'mobile';
  shipping: { country: string; method: string } | null;
  priced: PricedCart;
}

/** Inserts an open cart; a second open cart of the same account violates `carts_one_open_per_account`. */
export async function insertCart(db: Db, cart: NewCart): Promise<Cart> {
  const row = await db
    .insertInto('carts')
    .values({
      id: cart.id,
      account_id: cart.accountId,
      token_hash: cart.tokenHash,
      status: 'open',
      merged_into: null,
      currency: cart.currency,
      minor_units: cart.minorUnits,
      channel: cart.channel,
      shipping_country: cart.shipping?.country ?? null,
      shipping_method: cart.shipping?.method ?? null,
      lines: '[]',
      skus: [],
      coupons: [],
      priced: JSON.stringify(cart.priced),
      priced_at: new Date(cart.priced.pricedAt),
      notices: '[]',
      version: 1,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toCart(row);
}

/** The new state of a cart after a change, priced. */
export interface CartChange {
  lines: StoredLine[];
  coupons: string[];
  shipping: { country: string; method: string } | null;
  priced: PricedCart;
  notices: Notice[];
  /** Set when a guest cart becomes its customer's (merge at login). */
  owner?: { accountId: string };
  /** A read that only refreshed prices is not the customer's activity. */
  activity: boolean;
}

/**
 * Writes a change if the cart is still open at `version` (compare-and-set); undefined when another
 * write got there first. `stale` is cleared: the change carries fresh prices. Nothing is read back:
 * the new state is the old one plus the change.
 */
export async function writeCart(db: Db | Tx, cart: Cart, change: CartChange): Promise<Cart | undefined> {
  const now = new Date();
  const result = await db
    .updateTable('carts')
    .set({
      lines: JSON.stringify(change.lines),
      skus: change.lines.map((l) => l.sku),
      coupons: change.coupons,
      shipping_country: change.shipping?.country ?? null,
      shipping_method: change.shipping?.method ?? null,
      priced: JSON.stringify(change.priced),
      priced_at: new Date(change.priced.pricedAt),
      stale: false,
      notices: JSON.stringify(change.notices),
      version: cart.version + 1,
      updated_at: now,
      ...(change.activity ? { last_active_at: now } : {}),
      ...(change.owner ? { account_id: change.owner.accountId, token_hash: null } : {}),
    })
    .where('id', '=', cart.id)
    .where('version', '=', cart.version)
    .where('status', '=', 'open')
    .executeTakeFirst();
  if (result.numUpdatedRows !== 1n) return undefined;
  return {
    ...cart,
    ...(change.owner ? { accountId: change.owner.accountId, tokenHash: null } : {}),
    shipping: change.shipping,
    lines: change.lines,
    coupons: change.coupons,
    priced: change.priced,
    pricedAt: new Date(change.priced.pricedAt),
    stale: false,
    notices: change.notices,
    version: cart.version + 1,
    updatedAt: now,
    lastActiveAt: change.activity ? now : cart.lastActiveAt,
  };
}

/** Closes a guest cart merged into a customer's; false when it changed meanwhile. */
export async function closeMergedCart(tx: Tx, id: string, version: number, into: string): Promise<boolean> {
  const result = await tx
    .updateTable('carts')
    .set({ status: 'merged', merged_into: into, token_hash: null, version: version + 1, updated_at: new Date() })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** Marks the open carts holding a SKU in a currency stale (a price changed). */
export async function markStaleBySku(tx: Tx, currency: string, sku: string): Promise<void> {
  await tx
    .updateTable('carts')
    .set({ stale: true })
    .where('status', '=', 'open')
    .where('skus', '@>', sql<string[]>`array[${sku}]::text[]`)
    .where('currency', '=', currency)
    .where('stale', '=', false)
    .execute();
}

/** Marks every open, non-empty cart in a currency stale (a price list's settings changed). */
export async function markStaleByCurrency(tx: Tx, currency: string): Promise<void> {
  await tx
    .updateTable('carts')
    .set({ stale: true })
    .where('status', '=', 'open')
    .where('currency', '=', currency)
    .where('stale', '=', false)
    .where(sql<boolean>`cardinality(skus) > 0`)
    .execute();
}

/** Records a read as activity, at most once an hour per cart (it is one write per read otherwise). */
export async function touchCart(db: Db, id: string): Promise<void> {
  await db
    .updateTable('carts')
    .set({ last_active_at: new Date() })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .where('last_active_at', '<', new Date(Date.now() - 3_600_000))
    .execute();
}

/** Closes one open cart found past its expiry before the sweeper got to it. */
export async function expireCart(db: Db, id: string): Promise<void> {
  await db.updateTable('carts').set({ status: 'expired', token_hash: null, updated_at: new Date() }).where('id', '=', id).where('status', '=', 'open').execute();
}

/** Expires open carts inactive for longer than their time to live; returns how many. */
export async function expireInactiveCarts(db: Db, guestDays: number, customerDays: number): Promise<number> {
  const now = Date.now();
  const result = await db
    .updateTable('carts')
    .set({ status: 'expired', token_hash: null, updated_at: new Date(now) })
    .where('status', '=', 'open')
    .where((eb) =>
      eb.or([
        eb.and([eb('account_id', 'is', null), eb('last_active_at', '<', new Date(now - guestDays * 86_400_000))]),
        eb.and([eb('account_id', 'is not', null), eb('last_active_at', '<', new Date(now - customerDays * 86_400_000))]),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Deletes carts closed (merged, expired, ordered) longer ago than `days`. */
export async function purgeClosedCarts(db: Db, days: number): Promise<number> {
  const result = await db.deleteFrom('carts').where('status', 'not in', ['open', 'checking_out']).where('updated_at', '<', new Date(Date.now() - days * 86_400_000)).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Locks an open cart for a checkout with its final prices (compare-and-set on the version);
 * undefined when the cart changed meanwhile.
 */
export async function lockCartForCheckout(db: Db, cart: Cart, checkoutId: string, priced: PricedCart, notices: Notice[]): Promise<Cart | undefined> {
  const row = await db
    .updateTable('carts')
    .set({
      status: 'checking_out',
      checkout_id: checkoutId,
      priced: JSON.stringify(priced),
      priced_at: new Date(priced.pricedAt),
      stale: false,
      notices: JSON.stringify(notices),
      version: cart.version + 1,
      updated_at: new Date(),
    })
    .where('id', '=', cart.id)
    .where('version', '=', cart.version)
    .where('status', '=', 'open')
    .returningAll()
    .executeTakeFirst();
  return row && toCart(row);
}

/** Moves a cart the checkout holds to `to` (ordered or open again); undefined when it does not hold it. */
export async function endCheckout(db: Db, id: string, checkoutId: string, to: { status: 'ordered'; orderId: string } | { status: 'open' }): Promise<Cart | undefined> {
  const now = new Date();
  const row = await db
    .updateTable('carts')
    .set({
      status: to.status,
      ...(to.status === 'ordered' ? { order_id: to.orderId } : { checkout_id: null, last_active_at: now }),
      version: sql`version + 1`,
      updated_at: now,
    })
    .where('id', '=', id)
    .where('checkout_id', '=', checkoutId)
    .where('status', '=', 'checking_out')
    .returningAll()
    .executeTakeFirst();
  return row && toCart(row);
}
