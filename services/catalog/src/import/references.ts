import type { Kysely } from 'kysely';
import type { AttributeDefinition } from '../domain/attributes.ts';
import type { ImportDb } from './tables.ts';

/** Every attribute definition by code. */
export async function loadDefinitions(db: Kysely<ImportDb>): Promise<Map<string, AttributeDefinition>> {
  const rows = await db.selectFrom('attribute_definitions').selectAll().execute();
  return new Map(
    rows.map((r) => [
      r.code,
      { code: r.code, type: r.type, label: r.label, localized: r.localized, scope: r.scope, options: r.options, unit: r.unit, facetable: r.facetable, searchable: r.searchable, version: r.version },
    ]),
  );
}

/** Category ids by slug. */
export async function loadCategoryIds(db: Kysely<ImportDb>): Promise<Map<string, string>> {
  const rows = await db.selectFrom('categories').select(['id', 'slug']).execute();
  return new Map(rows.map((r) => [r.slug, r.id]));
}

/** Channel codes, in a stable order (the default of a product that names none). */
export async function loadChannels(db: Kysely<ImportDb>): Promise<string[]> {
  return (await db.selectFrom('channels').select('code').orderBy('code').execute()).map((r) => r.code);
}
