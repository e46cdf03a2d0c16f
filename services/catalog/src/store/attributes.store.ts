import { attributeDeleted, attributeUpserted } from '@mercato/contracts';
import { mapConstraint, problem } from '@mercato/kit';
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { AttributeInput, AttributePatch } from '../api/attribute.schemas.ts';
import { definitionViolations, removedOptions, shapeChanges, type DefinitionContent } from '../domain/attribute-definition.ts';
import type { AttributeDefinition } from '../domain/attributes.ts';
import { fieldProblem } from '../domain/violations.ts';
import { catalogErrors } from '../errors.ts';
import type { CatalogContext } from './products.store.ts';
import type { CatalogTables } from './tables.ts';

type Db = Kysely<CatalogTables>;
type Tx = Transaction<CatalogTables>;
type Row = Selectable<CatalogTables['attribute_definitions']>;

const COLUMNS = ['code', 'type', 'label', 'localized', 'scope', 'options', 'unit', 'facetable', 'searchable', 'version'] as const;

function toDefinition(row: Pick<Row, (typeof COLUMNS)[number]>): AttributeDefinition {
  const { code, type, label, localized, scope, options, unit, facetable, searchable, version } = row;
  return { code, type, label, localized, scope, options, unit, facetable, searchable, version };
}

/** Every attribute definition, by code. */
export async function listAttributes(db: Db): Promise<AttributeDefinition[]> {
  return (await db.selectFrom('attribute_definitions').select(COLUMNS).orderBy('code').execute()).map(toDefinition);
}

/** One definition, or undefined. */
export async function findAttribute(db: Db, code: string): Promise<AttributeDefinition | undefined> {
  const row = await db.selectFrom('attribute_definitions').select(COLUMNS).where('code', '=', code).executeTakeFirst();
  return row && toDefinition(row);
}

/**
 * The definitions with these codes (all when omitted), keyed by code. With `lock`, they stay
 * locked against changes (FOR SHARE) until the transaction ends: a writer that validated values
 * against them keeps them valid until its values are committed.
 */
export async function attributeDefinitions(db: Db, codes?: string[], options: { lock?: boolean } = {}): Promise<Map<string, AttributeDefinition>> {
  if (codes?.length === 0) return new Map();
  let q = db.selectFrom('attribute_definitions').select(COLUMNS);
  if (codes) q = q.where('code', 'in', codes);
  if (options.lock) q = q.forShare();
  return new Map((await q.execute()).map((row) => [row.code, toDefinition(row)]));
}

/** Creates a definition with its upserted event. */
export async function createAttribute(ctx: CatalogContext, input: AttributeInput): Promise<AttributeDefinition> {
  const content = contentOf(input);
  assertConsistent(content);
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      await tx
        .insertInto('attribute_definitions')
        .values({ ...content, label: JSON.stringify(content.label), options: JSON.stringify(content.options) })
        .execute();
      return publishUpserted(ctx, tx, content.code);
    });
  } catch (error) {
    mapConstraint(error, { attribute_definitions_pkey: catalogErrors.attributeCodeTaken });
  }
}

/**
 * Changes a definition at `expectedVersion`. Its type, scope and localization are fixed while any
 * product or variant carries a value, and enum options in use cannot be removed.
 */
export async function updateAttribute(
  ctx: CatalogContext,
  code: string,
  expectedVersion: number,
  patch: AttributePatch,
): Promise<AttributeDefinition | 'stale' | undefined> {
  return ctx.db.transaction().execute(async (tx) => {
    const current = await lockDefinition(tx, code);
    if (!current) return undefined;
    if (current.version !== expectedVersion) return 'stale';
    const next = contentOf({ ...current, ...patch });
    assertConsistent(next);
    const changed = shapeChanges(current, next);
    if (changed.length && (await inUse(tx, code))) {
      throw fieldProblem(
        catalogErrors.attributeShapeLocked,
        changed.map((field) => ({ field, code: 'attribute-in-use', message: `products carry values of ${code}, so its ${field} cannot change` })),
      );
    }
    const usedOptions = await optionsInUse(tx, code, removedOptions(current, next));
    if (usedOptions.length) {
      throw fieldProblem(catalogErrors.attributeOptionInUse, [{ field: 'options', code: 'option-in-use', message: `products use ${usedOptions.join(', ')}` }], {
        options: usedOptions,
      });
    }
    await tx
      .updateTable('attribute_definitions')
      .set({
        type: next.type,
        label: JSON.stringify(next.label),
        localized: next.localized,
        scope: next.scope,
        options: JSON.stringify(next.options),
        unit: next.unit,
        facetable: next.facetable,
        searchable: next.searchable,
        version: sql`version + 1`,
        updated_at: new Date(),
      })
      .where('code', '=', code)
      .execute();
    return publishUpserted(ctx, tx, code);
  });
}

/** Deletes a definition no product uses, with its deleted event; false if there is none. */
export async function deleteAttribute(ctx: CatalogContext, code: string, expectedVersion?: number): Promise<boolean | 'stale'> {
  return ctx.db.transaction().execute(async (tx) => {
    const current = await lockDefinition(tx, code);
    if (!current) return false;
    if (expectedVersion !== undefined && current.version !== expectedVersion) return 'stale';
    if (await inUse(tx, code)) {
      throw problem(catalogErrors.attributeInUse, `Products or variants carry values of ${code}; remove them first`);
    }
    await tx.deleteFrom('attribute_definitions').where('code', '=', code).execute();
    await ctx.events.publish(tx, { type: attributeDeleted.type, subject: code, data: { code } });
    return true;
  });
}

/** The definition locked for a change: product writes that use it wait, and it waits for theirs. */
async function lockDefinition(tx: Tx, code: string): Promise<AttributeDefinition | undefined> {
  const row = await tx.selectFrom('attribute_definitions').select(COLUMNS).where('code', '=', code).forUpdate().executeTakeFirst();
  return row && toDefinition(row);
}

async function publishUpserted(ctx: CatalogContext, tx: Tx, code: string): Promise<AttributeDefinition> {
  const definition = (await findAttribute(tx, code))!;
  await ctx.events.publish(tx, { type: attributeUpserted.type, subject: code, data: definition });
  return definition;
}

/** A definition's content with the defaults filled in. */
function contentOf(input: AttributeInput): DefinitionContent {
  return {
    code: input.code,
    type: input.type,
    label: input.label,
    localized: input.localized ?? false,
    scope: input.scope ?? 'product',
    options: input.options ?? [],
    unit: input.unit ?? null,
    facetable: input.facetable ?? false,
    searchable: input.searchable ?? false,
  };
}

function assertConsistent(content: DefinitionContent): void {
  const violations = definitionViolations(content);
  if (violations.length) throw fieldProblem(catalogErrors.invalidAttributeDefinition, violations);
}

/** Whether any product or variant carries a value of the attribute. */
async function inUse(tx: Tx, code: string): Promise<boolean> {
  const { rows } = await sql<{ used: boolean }>`
    select exists (select 1 from products where attributes ? ${code})
        or exists (select 1 from variants where attributes ? ${code}) as used`.execute(tx);
  return rows[0]!.used;
}

/** Which of these enum options products or variants use. */
async function optionsInUse(tx: Tx, code: string, options: string[]): Promise<string[]> {
  if (options.length === 0) return [];
  const { rows } = await sql<{ option: string }>`
    select attributes ->> ${code} as option from products where attributes ->> ${code} = any(${options})
    union
    select attributes ->> ${code} from variants where attributes ->> ${code} = any(${options})`.execute(tx);
  return rows.map((r) => r.option).sort();
}
