import type { Readable } from 'node:stream';
import { attributeUpserted, LocalizedText } from '@mercato/contracts';
import type { ServiceContext } from '@mercato/kit';
import { Type } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { sql } from 'kysely';
import { canonical } from './content-hash.ts';
import type { ProgressSink } from './import-products.ts';
import { emptyProgress } from './jobs.store.ts';
import { ndjsonLines } from './ndjson-lines.ts';
import type { AttributeRecord, ImportFormat } from './records.ts';
import { ImportFileError, type RowError } from './row-error.ts';
import type { ImportDb } from './tables.ts';

/** One line of an attributes NDJSON file: the attribute API's input. */
const AttributeLine = Type.Object(
  {
    code: Type.String({ pattern: '^[a-z][a-z0-9_]{0,39}$' }),
    type: Type.Union([Type.Literal('text'), Type.Literal('number'), Type.Literal('enum'), Type.Literal('boolean')]),
    label: LocalizedText,
    localized: Type.Optional(Type.Boolean()),
    scope: Type.Optional(Type.Union([Type.Literal('product'), Type.Literal('variant')])),
    options: Type.Optional(
      Type.Array(Type.Object({ code: Type.String({ pattern: '^[a-z0-9][a-z0-9_-]{0,39}$' }), label: LocalizedText }, { additionalProperties: false }), { maxItems: 1000 }),
    ),
    unit: Type.Optional(Type.Union([Type.String({ maxLength: 20 }), Type.Null()])),
    facetable: Type.Optional(Type.Boolean()),
    searchable: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
const attributeLine = TypeCompiler.Compile(AttributeLine);

/** The rules the schema cannot say: which fields go with which type. */
function ruleViolation(a: AttributeRecord): { field: string; message: string } | undefined {
  const options = a.options ?? [];
  if (a.type === 'enum' && options.length === 0) return { field: 'options', message: 'an enum needs at least one option' };
  if (a.type !== 'enum' && options.length > 0) return { field: 'options', message: 'only enums have options' };
  if (new Set(options.map((o) => o.code)).size !== options.length) return { field: 'options', message: 'an option code appears twice' };
  if (a.localized && a.type !== 'text') return { field: 'localized', message: 'only text attributes can be localized' };
  if (a.unit && a.type !== 'number') return { field: 'unit', message: 'only number attributes have a unit' };
  return undefined;
}

/** Imports attribute definitions (NDJSON), upserted by code in one transaction, one event per changed definition. */
export async function importAttributes(ctx: ServiceContext<ImportDb>, input: Readable, format: ImportFormat, report: ProgressSink): Promise<void> {
  if (format !== 'ndjson') throw new ImportFileError('attribute definitions are imported from NDJSON only');
  const errors: RowError[] = [];
  const accepted = new Map<string, AttributeRecord>();
  const progress = emptyProgress();
  for await (const entry of ndjsonLines(input)) {
    progress.rowsDone++;
    const { line } = entry;
    if ('malformed' in entry) {
      errors.push({ line, code: 'malformed-row', message: entry.malformed });
      continue;
    }
    const value = entry.value as Record<string, unknown>;
    const item = typeof value?.code === 'string' ? value.code : undefined;
    if (!attributeLine.Check(value)) {
      const first = attributeLine.Errors(value).First()!;
      const field = first.path.slice(1).replaceAll('/', '.') || undefined;
      errors.push({ line, item, field, code: first.value === undefined ? 'missing-field' : 'invalid-value', message: first.message });
      continue;
    }
    const record = value as unknown as AttributeRecord;
    const violation = ruleViolation(record);
    if (violation) errors.push({ line, item, ...violation, code: 'invalid-value' });
    else if (accepted.has(record.code)) errors.push({ line, item, field: 'code', code: 'invalid-value', message: `${record.code} appears twice in the file` });
    else accepted.set(record.code, record);
  }

  await ctx.db.transaction().execute(async (tx) => {
    const existing = new Map((await tx.selectFrom('attribute_definitions').selectAll().where('code', 'in', [...accepted.keys(), '']).forUpdate().execute()).map((r) => [r.code, r]));
    const events = [];
    for (const a of accepted.values()) {
      const next = {
        type: a.type,
        label: a.label,
        localized: a.localized ?? false,
        scope: a.scope ?? 'product',
        options: a.options ?? [],
        unit: a.unit ?? null,
        facetable: a.facetable ?? false,
        searchable: a.searchable ?? false,
      };
      const current = existing.get(a.code);
      const same =
        current &&
        canonical([current.type, current.label, current.localized, current.scope, current.options, current.unit, current.facetable, current.searchable]) ===
          canonical([next.type, next.label, next.localized, next.scope, next.options, next.unit, next.facetable, next.searchable]);
      if (same) {
        progress.unchanged++;
        continue;
      }
      const row = { ...next, label: JSON.stringify(next.label), options: JSON.stringify(next.options) };
      const written = current
        ? await tx
            .updateTable('attribute_definitions')
            .set({ ...row, version: sql`version + 1`, updated_at: new Date() })
            .where('code', '=', a.code)
            .returning('version')
            .executeTakeFirstOrThrow()
        : await tx.insertInto('attribute_definitions').values({ code: a.code, ...row }).returning('version').executeTakeFirstOrThrow();
      if (current) progress.updated++;
      else progress.created++;
      events.push({ type: attributeUpserted.type, subject: a.code, data: { code: a.code, ...next, version: written.version } });
    }
    await ctx.events.publishMany(tx, events);
  });
  progress.failed = errors.length;
  progress.rowsFailed = errors.length;
  await report(progress, errors);
}
