import { newId } from '@mercato/kit';
import type { Selectable } from 'kysely';
import type { Address, AddressInput, AddressPatch } from '../api/schemas.ts';
import type { Db, Tx } from './context.ts';
import type { CustomersTables } from './tables.ts';

type AddressRow = Selectable<CustomersTables['addresses']>;

function toAddress(row: AddressRow): Address {
  return {
    id: row.id,
    kind: row.kind,
    isDefault: row.is_default,
    name: row.name,
    company: row.company,
    line1: row.line1,
    line2: row.line2,
    postalCode: row.postal_code,
    city: row.city,
    region: row.region,
    country: row.country,
    phone: row.phone,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** A customer's addresses, defaults first, then oldest first. */
export async function listAddresses(db: Db, customerId: string): Promise<Address[]> {
  const rows = await db.selectFrom('addresses').selectAll().where('customer_id', '=', customerId).orderBy('is_default', 'desc').orderBy('id').execute();
  return rows.map(toAddress);
}

/** One of the customer's addresses; another customer's address is as absent as a missing one. */
export async function findAddress(db: Db, customerId: string, id: string): Promise<Address | undefined> {
  const row = await db.selectFrom('addresses').selectAll().where('customer_id', '=', customerId).where('id', '=', id).executeTakeFirst();
  return row && toAddress(row);
}

/** Serializes a customer's address writes: their defaults are decided together. */
async function lockCustomer(tx: Tx, customerId: string): Promise<void> {
  await tx.selectFrom('customers').select('id').where('id', '=', customerId).forUpdate().execute();
}

/** Clears the customer's default of `kind` unless it is `keepId` (the partial unique index backs this up). */
async function clearDefault(tx: Tx, customerId: string, kind: AddressRow['kind'], keepId: string): Promise<void> {
  await tx
    .updateTable('addresses')
    .set({ is_default: false, updated_at: new Date() })
    .where('customer_id', '=', customerId)
    .where('kind', '=', kind)
    .where('is_default', '=', true)
    .where('id', '<>', keepId)
    .execute();
}

/** Adds an address; the first of its kind becomes the default unless `isDefault: false`. */
export async function createAddress(db: Db, customerId: string, input: AddressInput): Promise<Address> {
  return db.transaction().execute(async (tx) => {
    const id = newId('addr');
    await lockCustomer(tx, customerId);
    const hasDefault = await tx
      .selectFrom('addresses')
      .select('id')
      .where('customer_id', '=', customerId)
      .where('kind', '=', input.kind)
      .where('is_default', '=', true)
      .executeTakeFirst();
    const isDefault = input.isDefault ?? !hasDefault;
    if (isDefault) await clearDefault(tx, customerId, input.kind, id);
    const row = await tx
      .insertInto('addresses')
      .values({
        id,
        customer_id: customerId,
        kind: input.kind,
        is_default: isDefault,
        name: input.name,
        company: input.company ?? null,
        line1: input.line1,
        line2: input.line2 ?? null,
        postal_code: input.postalCode ?? null,
        city: input.city,
        region: input.region ?? null,
        country: input.country,
        phone: input.phone ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toAddress(row);
  });
}

/** Changes one of the customer's addresses; making it the default clears the previous default of its kind. */
export async function updateAddress(db: Db, customerId: string, id: string, patch: AddressPatch): Promise<Address | undefined> {
  return db.transaction().execute(async (tx) => {
    await lockCustomer(tx, customerId);
    const current = await tx.selectFrom('addresses').select(['kind', 'is_default']).where('customer_id', '=', customerId).where('id', '=', id).executeTakeFirst();
    if (!current) return undefined;
    const kind = patch.kind ?? current.kind;
    const isDefault = patch.isDefault ?? current.is_default;
    if (isDefault) await clearDefault(tx, customerId, kind, id);
    const row = await tx
      .updateTable('addresses')
      .set({
        ...(patch.kind !== undefined && { kind: patch.kind }),
        is_default: isDefault,
        ...(patch.name !== undefined && { name: patch.name }),
        ...(patch.company !== undefined && { company: patch.company }),
        ...(patch.line1 !== undefined && { line1: patch.line1 }),
        ...(patch.line2 !== undefined && { line2: patch.line2 }),
        ...(patch.postalCode !== undefined && { postal_code: patch.postalCode }),
        ...(patch.city !== undefined && { city: patch.city }),
        ...(patch.region !== undefined && { region: patch.region }),
        ...(patch.country !== undefined && { country: patch.country }),
        ...(patch.phone !== undefined && { phone: patch.phone }),
        updated_at: new Date(),
      })
      .where('customer_id', '=', customerId)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return toAddress(row);
  });
}

/** Deletes one of the customer's addresses; false when it is not theirs or does not exist. */
export async function deleteAddress(db: Db, customerId: string, id: string): Promise<boolean> {
  const result = await db.deleteFrom('addresses').where('customer_id', '=', customerId).where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}
