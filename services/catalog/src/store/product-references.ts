import type { Transaction } from 'kysely';
import type { ProductPatch } from '../api/schemas.ts';
import { checkAttributeValues, type AttributeViolation } from '../domain/attributes.ts';
import { fieldProblem, type FieldViolation } from '../domain/violations.ts';
import { catalogErrors } from '../errors.ts';
import { attributeDefinitions } from './attributes.store.ts';
import type { CatalogTables } from './tables.ts';

type Tx = Transaction<CatalogTables>;

/**
 * Checks what a product write refers to, before anything is written: category, brand, channels,
 * attribute values against their definitions, and that its handle and SKUs belong to no other
 * product. Each failure is a problem naming the fields. The attribute definitions used stay locked
 * (FOR SHARE) until the transaction ends, so their shape cannot change under the new values; the
 * unique constraints still catch a handle or SKU taken concurrently.
 */
export async function assertProductReferences(tx: Tx, productId: string, fields: ProductPatch): Promise<void> {
  if (fields.categoryId && !(await tx.selectFrom('categories').select('id').where('id', '=', fields.categoryId).executeTakeFirst())) {
    throw fieldProblem(catalogErrors.unknownCategory, [{ field: 'categoryId', code: 'unknown-category', message: `no category ${fields.categoryId}` }]);
  }
  if (fields.brandId && !(await tx.selectFrom('brands').select('id').where('id', '=', fields.brandId).executeTakeFirst())) {
    throw fieldProblem(catalogErrors.unknownBrand, [{ field: 'brandId', code: 'unknown-brand', message: `no brand ${fields.brandId}` }]);
  }
  if (fields.channels?.length) await assertChannels(tx, fields.channels);
  await assertAttributeValues(tx, fields);
  if (fields.variants) await assertSkusFree(tx, productId, fields.variants);
  if (fields.handle) {
    const owner = await tx.selectFrom('products').select('id').where('handle', '=', fields.handle).where('id', '<>', productId).executeTakeFirst();
    if (owner) throw fieldProblem(catalogErrors.handleTaken, [{ field: 'handle', code: 'handle-taken', message: `${fields.handle} is the handle of ${owner.id}` }]);
  }
}

async function assertChannels(tx: Tx, channels: string[]): Promise<void> {
  const known = new Set((await tx.selectFrom('channels').select('code').where('code', 'in', channels).execute()).map((c) => c.code));
  const violations: FieldViolation[] = channels.flatMap((code, index) =>
    known.has(code) ? [] : [{ field: `channels[${index}]`, code: 'unknown-channel', message: `no channel ${code}` }],
  );
  if (violations.length) throw fieldProblem(catalogErrors.unknownChannel, violations);
}

async function assertAttributeValues(tx: Tx, fields: ProductPatch): Promise<void> {
  const variants = fields.variants ?? [];
  const codes = new Set([...Object.keys(fields.attributes ?? {}), ...variants.flatMap((v) => Object.keys(v.attributes ?? {}))]);
  if (codes.size === 0) return;
  const definitions = await attributeDefinitions(tx, [...codes], { lock: true });
  const violations: AttributeViolation[] = [
    ...checkAttributeValues(definitions, fields.attributes ?? {}, 'product'),
    ...variants.flatMap((v, index) => checkAttributeValues(definitions, v.attributes ?? {}, 'variant', `variants[${index}].attributes`)),
  ];
  if (violations.length) throw fieldProblem(catalogErrors.invalidAttributes, violations);
}

async function assertSkusFree(tx: Tx, productId: string, variants: ReadonlyArray<{ sku: string }>): Promise<void> {
  const skus = variants.map((v) => v.sku);
  const taken = await tx.selectFrom('variants').select(['sku', 'product_id']).where('sku', 'in', skus).where('product_id', '<>', productId).execute();
  if (taken.length === 0) return;
  const owners = new Map(taken.map((t) => [t.sku, t.product_id]));
  throw fieldProblem(
    catalogErrors.skuTaken,
    skus.flatMap((sku, index) => (owners.has(sku) ? [{ field: `variants[${index}].sku`, code: 'sku-taken', message: `${sku} belongs to product ${owners.get(sku)}` }] : [])),
  );
}
