import { sql, type Selectable } from 'kysely';
import type { Checkout, CheckoutStatus, SagaData } from '../domain/checkout.ts';
import type { Position } from '../domain/steps.ts';
import type { Db, Tx } from './context.ts';
import type { CheckoutTables } from './tables.ts';

type Row = Selectable<CheckoutTables['checkouts']>;

function toCheckout(row: Row): Checkout {
  return {
    id: row.id,
    owner: row.owner,
    idempotencyKey: row.idempotency_key,
    requestHash: row.request_hash,
    cartId: row.cart_id,
    accountId: row.account_id,
    status: row.status,
    step: row.step as Position,
    data: row.data,
    orderId: row.order_id,
    leaseOwner: row.lease_owner,
    leaseUntil: row.lease_until,
    deadline: row.deadline,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function findCheckout(db: Db | Tx, id: string): Promise<Checkout | undefined> {
  const row = await db.selectFrom('checkouts').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toCheckout(row);
}

export interface NewCheckout {
  id: string;
  owner: string;
  idempotencyKey: string;
  requestHash: string;
  data: SagaData;
  leaseOwner: string;
  leaseMs: number;
  deadlineMs: number;
}

/**
 * Starts a saga, leased to this instance; undefined when the owner already used the key (the
 * unique index makes concurrent identical requests meet one row).
 */
export async function insertCheckout(db: Db, c: NewCheckout): Promise<Checkout | undefined> {
  const row = await db
    .insertInto('checkouts')
    .values({
      id: c.id,
      owner: c.owner,
      idempotency_key: c.idempotencyKey,
      request_hash: c.requestHash,
      cart_id: c.data.request.cartId,
      account_id: c.data.request.accountId,
      status: 'processing',
      step: 'validate',
      data: JSON.stringify(c.data),
      order_id: null,
      lease_owner: c.leaseOwner,
      lease_until: sql<Date>`clock_timestamp() + make_interval(secs => ${c.leaseMs / 1000})`,
      deadline: sql<Date>`clock_timestamp() + make_interval(secs => ${c.deadlineMs / 1000})`,
    })
    .onConflict((oc) => oc.columns(['owner', 'idempotency_key']).doNothing())
    .returningAll()
    .executeTakeFirst();
  return row && toCheckout(row);
}

export async function findByKey(db: Db, owner: string, key: string): Promise<Checkout | undefined> {
  const row = await db.selectFrom('checkouts').selectAll().where('owner', '=', owner).where('idempotency_key', '=', key).executeTakeFirst();
  return row && toCheckout(row);
}

/** The new state of a saga after a step. */
export interface Progress {
  status: CheckoutStatus;
  step: Position;
  data: SagaData;
}

/**
 * Writes a saga's progress and renews this instance's lease, only while it still holds the lease;
 * undefined when another instance took the saga over (this one must stop driving it). `tx` lets
 * the caller publish an event in the same transaction.
 */
export async function saveProgress(db: Db | Tx, id: string, leaseOwner: string, leaseMs: number, progress: Progress): Promise<Checkout | undefined> {
  const finished = progress.status === 'completed' || progress.status === 'failed';
  const row = await db
    .updateTable('checkouts')
    .set({
      status: progress.status,
      step: progress.step,
      data: JSON.stringify(progress.data),
      order_id: progress.status === 'completed' ? progress.data.orderId : null,
      // A finished saga keeps no lease: nobody needs to take it over.
      lease_owner: finished ? null : leaseOwner,
      lease_until: sql<Date>`clock_timestamp() + make_interval(secs => ${leaseMs / 1000})`,
      version: sql<number>`version + 1`,
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .where('lease_owner', '=', leaseOwner)
    .returningAll()
    .executeTakeFirst();
  return row && toCheckout(row);
}

/** Extends this instance's lease (a long wait, e.g. a pending payment); false when it was lost. */
export async function renewLease(db: Db, id: string, leaseOwner: string, leaseMs: number): Promise<boolean> {
  const result = await db
    .updateTable('checkouts')
    .set({ lease_until: sql<Date>`clock_timestamp() + make_interval(secs => ${leaseMs / 1000})` })
    .where('id', '=', id)
    .where('lease_owner', '=', leaseOwner)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** Lets the lease run out now, so that the recovery loop retries the saga soon (a transient failure). */
export async function dropLease(db: Db, id: string, leaseOwner: string, retryInMs: number): Promise<void> {
  await db
    .updateTable('checkouts')
    .set({ lease_until: sql<Date>`clock_timestamp() + make_interval(secs => ${retryInMs / 1000})` })
    .where('id', '=', id)
    .where('lease_owner', '=', leaseOwner)
    .execute();
}

/**
 * Takes over unfinished sagas whose lease ran out (their instance crashed or gave up), at most
 * `limit`; concurrent recovery loops skip each other's rows (FOR UPDATE SKIP LOCKED).
 */
export async function claimAbandoned(db: Db, leaseOwner: string, leaseMs: number, limit: number): Promise<string[]> {
  return db.transaction().execute(async (tx) => {
    const rows = await tx
      .selectFrom('checkouts')
      .select('id')
      .where('status', 'in', ['processing', 'compensating'])
      .where('lease_until', '<', sql<Date>`clock_timestamp()`)
      .orderBy('lease_until')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    await tx
      .updateTable('checkouts')
      .set({ lease_owner: leaseOwner, lease_until: sql<Date>`clock_timestamp() + make_interval(secs => ${leaseMs / 1000})` })
      .where('id', 'in', ids)
      .execute();
    return ids;
  });
}
