import type { Readable } from 'node:stream';
import { categoryUpserted } from '@mercato/contracts';
import { newId, type ServiceContext } from '@mercato/kit';
import { sql } from 'kysely';
import { csvRows } from './csv-rows.ts';
import type { ProgressSink } from './import-products.ts';
import { emptyProgress } from './jobs.store.ts';
import { ndjsonLines } from './ndjson-lines.ts';
import type { CategoryRecord, ImportFormat } from './records.ts';
import { ImportFileError, type RowError } from './row-error.ts';
import type { ImportDb } from './tables.ts';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** A category file is read whole (a tree of this size is small); more rows than this is refused. */
const MAX_CATEGORIES = 100_000;

interface Row {
  line: number;
  record: CategoryRecord;
}

/** Reads category rows from CSV (`slug,name,parent,position`) or NDJSON, with per-row shape errors. */
async function readRows(input: Readable, format: ImportFormat, errors: RowError[]): Promise<{ rows: Row[]; read: number }> {
  const rows: Row[] = [];
  let read = 0;
  const add = (line: number, raw: Record<string, unknown>) => {
    const slug = typeof raw.slug === 'string' ? raw.slug.trim() : '';
    const fail = (field: string, code: RowError['code'], message: string) => errors.push({ line, item: slug || undefined, field, code, message });
    const before = errors.length;
    if (slug === '') fail('slug', 'missing-field', 'slug is empty');
    else if (!SLUG.test(slug) || slug.length > 120) fail('slug', 'invalid-value', `"${slug}" is not a slug`);
    const name = typeof raw.name === 'string' ? raw.name.trim() : '';
    if (name === '') fail('name', 'missing-field', 'name is empty');
    else if (name.length > 120) fail('name', 'invalid-value', 'name is longer than 120 characters');
    const parent = raw.parent === undefined || raw.parent === null || raw.parent === '' ? null : raw.parent;
    if (parent !== null && (typeof parent !== 'string' || !SLUG.test(parent))) fail('parent', 'invalid-value', `"${String(parent)}" is not a slug`);
    const position = raw.position === undefined || raw.position === '' ? 0 : Number(raw.position);
    if (!Number.isSafeInteger(position)) fail('position', 'invalid-value', `"${String(raw.position)}" is not a whole number`);
    if (errors.length === before) rows.push({ line, record: { slug, name, parent: parent as string | null, position } });
  };
  if (format === 'csv') {
    let header: string[] | undefined;
    for await (const row of csvRows(input)) {
      if ('malformed' in row) {
        read++;
        errors.push({ line: row.line, code: 'malformed-row', message: row.malformed });
        continue;
      }
      if (!header) {
        header = row.fields.map((f) => f.trim());
        const unknown = header.find((h) => !['slug', 'name', 'parent', 'position'].includes(h));
        if (unknown !== undefined) throw new ImportFileError(`unknown column "${unknown}" (categories have slug, name, parent, position)`);
        if (!header.includes('slug') || !header.includes('name')) throw new ImportFileError('the header needs the columns slug and name');
        continue;
      }
      read++;
      if (row.fields.length !== header.length) {
        errors.push({ line: row.line, code: 'malformed-row', message: `the row has ${row.fields.length} fields, the header ${header.length}` });
        continue;
      }
      add(row.line, Object.fromEntries(header.map((h, i) => [h, row.fields[i]])));
    }
  } else {
    for await (const entry of ndjsonLines(input)) {
      read++;
      if ('malformed' in entry) errors.push({ line: entry.line, code: 'malformed-row', message: entry.malformed });
      else if (typeof entry.value !== 'object' || entry.value === null || Array.isArray(entry.value)) {
        errors.push({ line: entry.line, code: 'malformed-row', message: 'a line must be a JSON object' });
      } else add(entry.line, entry.value as Record<string, unknown>);
    }
  }
  if (read > MAX_CATEGORIES) throw new ImportFileError(`more than ${MAX_CATEGORIES} categories in one file`);
  return { rows, read };
}

/**
 * Rejects rows that appear twice, whose parent does not exist, or that would make a category its
 * own ancestor (every row on the cycle is rejected, naming the others). Parents are the file's
 * where it gives them, the database's otherwise. Returns the accepted rows, parents first.
 */
function acceptRows(rows: Row[], existingParents: Map<string, string | null>, errors: RowError[]): Row[] {
  const bySlug = new Map<string, Row>();
  for (const row of rows) {
    const first = bySlug.get(row.record.slug);
    if (first) errors.push({ line: row.line, item: row.record.slug, field: 'slug', code: 'invalid-value', message: `${row.record.slug} already appears on line ${first.line}` });
    else bySlug.set(row.record.slug, row);
  }
  const parentOf = (slug: string): string | null | undefined => (bySlug.has(slug) ? (bySlug.get(slug)!.record.parent ?? null) : existingParents.get(slug));
  const rejected = new Set<string>();
  for (const [slug, row] of bySlug) {
    const chain = [slug];
    let current = parentOf(slug);
    while (current && !chain.includes(current)) {
      chain.push(current);
      current = parentOf(current);
    }
    if (current && current === slug) {
      const lines = chain.map((s) => (bySlug.has(s) ? `${s} (line ${bySlug.get(s)!.line})` : s));
      errors.push({ line: row.line, item: slug, field: 'parent', code: 'category-cycle', message: `the parent chain leads back to ${slug}: ${lines.join(' → ')} → ${slug}` });
      rejected.add(slug);
    }
  }
  // Parents must exist; a rejected parent that is not in the database rejects its children too.
  const ordered: Row[] = [];
  const state = new Map<string, 'ok' | 'bad'>();
  const visit = (slug: string): 'ok' | 'bad' => {
    const known = state.get(slug);
    if (known) return known;
    const row = bySlug.get(slug)!;
    if (rejected.has(slug)) return state.set(slug, 'bad').get(slug)!;
    const parent = row.record.parent;
    let result: 'ok' | 'bad' = 'ok';
    if (parent) {
      if (bySlug.has(parent)) {
        if (visit(parent) === 'bad' && !existingParents.has(parent)) {
          errors.push({ line: row.line, item: slug, field: 'parent', code: 'unknown-category', message: `the parent ${parent} was rejected (line ${bySlug.get(parent)!.line})` });
          result = 'bad';
        }
      } else if (!existingParents.has(parent)) {
        errors.push({ line: row.line, item: slug, field: 'parent', code: 'unknown-category', message: `No category has the slug "${parent}"` });
        result = 'bad';
      }
    }
    state.set(slug, result);
    if (result === 'ok') ordered.push(row);
    return result;
  };
  for (const slug of bySlug.keys()) visit(slug);
  return ordered;
}

/** Imports categories: upserted by slug in one transaction, one event per changed category and per moved descendant. */
export async function importCategories(ctx: ServiceContext<ImportDb>, input: Readable, format: ImportFormat, report: ProgressSink): Promise<void> {
  const errors: RowError[] = [];
  const { rows, read } = await readRows(input, format, errors);
  const progress = emptyProgress();
  progress.rowsDone = read;
  await ctx.db.transaction().execute(async (tx) => {
    await sql`lock table categories in share row exclusive mode`.execute(tx);
    const existing = await tx.selectFrom('categories').select(['id', 'slug', 'name', 'parent_id', 'position', 'version']).execute();
    const byId = new Map(existing.map((c) => [c.id, c]));
    const bySlug = new Map(existing.map((c) => [c.slug, c]));
    const existingParents = new Map(existing.map((c) => [c.slug, c.parent_id ? byId.get(c.parent_id)!.slug : null]));
    const accepted = acceptRows(rows, existingParents, errors);

    const changed = new Set<string>();
    const moved = new Set<string>();
    for (const { record } of accepted) {
      const parentId = record.parent ? bySlug.get(record.parent)!.id : null;
      const current = bySlug.get(record.slug);
      if (!current) {
        const created = await tx
          .insertInto('categories')
          .values({ id: newId('cat'), slug: record.slug, name: record.name, parent_id: parentId, position: record.position ?? 0 })
          .returning(['id', 'slug', 'name', 'parent_id', 'position', 'version'])
          .executeTakeFirstOrThrow();
        bySlug.set(created.slug, created);
        byId.set(created.id, created);
        changed.add(created.id);
        progress.created++;
      } else if (current.name !== record.name || current.parent_id !== parentId || current.position !== (record.position ?? 0)) {
        if (current.parent_id !== parentId) moved.add(current.id);
        const updated = await tx
          .updateTable('categories')
          .set({ name: record.name, parent_id: parentId, position: record.position ?? 0, version: sql`version + 1`, updated_at: new Date() })
          .where('id', '=', current.id)
          .returning(['id', 'slug', 'name', 'parent_id', 'position', 'version'])
          .executeTakeFirstOrThrow();
        bySlug.set(updated.slug, updated);
        byId.set(updated.id, updated);
        changed.add(updated.id);
        progress.updated++;
      } else progress.unchanged++;
    }

    // A moved category changes the path of everything below it.
    const children = new Map<string, string[]>();
    for (const c of byId.values()) if (c.parent_id) children.set(c.parent_id, [...(children.get(c.parent_id) ?? []), c.id]);
    const affected = new Set(changed);
    const stack = [...moved];
    while (stack.length) for (const child of children.get(stack.pop()!) ?? []) if (!affected.has(child)) affected.add(child), stack.push(child);
    const pathOf = (id: string): string[] => {
      const path: string[] = [];
      for (let at: string | null = id; at; at = byId.get(at)!.parent_id) path.unshift(at);
      return path;
    };
    await ctx.events.publishMany(
      tx,
      [...affected].map((id) => {
        const c = byId.get(id)!;
        return { type: categoryUpserted.type, subject: id, data: { id, slug: c.slug, name: c.name, parentId: c.parent_id, path: pathOf(id), position: c.position, version: c.version } };
      }),
    );
  });
  const failedRows = new Set(errors.map((e) => e.line));
  progress.rowsFailed = failedRows.size;
  progress.failed = new Set(errors.map((e) => e.item ?? `line ${e.line}`)).size;
  errors.sort((a, b) => a.line - b.line);
  await report(progress, errors);
}
