import { parseAttributeCell, type AttributeDefinition, type AttributeValues } from '../domain/attributes.ts';
import type { CsvRow } from './csv-rows.ts';
import { splitList } from './lists.ts';
import type { ParsedProduct } from './parsed-product.ts';
import type { ProductRecord, VariantRecord } from './records.ts';
import { ImportFileError, type RowError } from './row-error.ts';

const PRODUCT_COLUMNS = ['handle', 'name', 'description', 'status', 'category', 'brand', 'brand_name', 'channels', 'media', 'media_alt'] as const;
const VARIANT_COLUMNS = ['sku', 'variant_name', 'weight_grams'] as const;

type Column =
  | { kind: 'product'; name: (typeof PRODUCT_COLUMNS)[number] }
  | { kind: 'variant'; name: (typeof VARIANT_COLUMNS)[number] }
  | { kind: 'option'; name: string }
  | { kind: 'attr' | 'vattr'; code: string; locale?: string };

/** Reads the header into column meanings; an unknown column fails the whole file. */
function readHeader(fields: string[]): Column[] {
  const columns = fields.map((raw): Column => {
    const name = raw.trim();
    if ((PRODUCT_COLUMNS as readonly string[]).includes(name)) return { kind: 'product', name: name as (typeof PRODUCT_COLUMNS)[number] };
    if ((VARIANT_COLUMNS as readonly string[]).includes(name)) return { kind: 'variant', name: name as (typeof VARIANT_COLUMNS)[number] };
    const option = /^option\.(.{1,40})$/.exec(name);
    if (option) return { kind: 'option', name: option[1]! };
    const attr = /^(attr|vattr)\.([a-z][a-z0-9_]{0,39})(?:\.([a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*))?$/.exec(name);
    if (attr) return { kind: attr[1] as 'attr' | 'vattr', code: attr[2]!, ...(attr[3] ? { locale: attr[3] } : {}) };
    throw new ImportFileError(`unknown column "${name}" (see docs/reference/catalog-import.md)`);
  });
  for (const required of ['handle', 'name', 'sku']) {
    if (!columns.some((c) => 'name' in c && c.kind !== 'option' && c.name === required)) throw new ImportFileError(`the header has no "${required}" column`);
  }
  return columns;
}

const CSV_FIELD: Record<string, string> = { brandName: 'brand_name', 'media.url': 'media', 'media.alt': 'media_alt' };
const CSV_VARIANT_FIELD: Record<string, string> = { name: 'variant_name', weightGrams: 'weight_grams' };

function csvLocate(lines: number[]) {
  return (field: string, variant?: number) => {
    if (variant === undefined) {
      const column = CSV_FIELD[field] ?? (field.startsWith('attributes.') ? `attr.${field.slice(11)}` : field);
      return { line: lines[0]!, field: column };
    }
    const column =
      CSV_VARIANT_FIELD[field] ??
      (field.startsWith('attributes.') ? `vattr.${field.slice(11)}` : field.startsWith('options.') ? `option.${field.slice(8)}` : field);
    return { line: lines[variant] ?? lines[0]!, field: column };
  };
}

/**
 * Groups the rows of a products CSV into products (rows of one handle are adjacent) and turns cells
 * into typed values. Attribute cells are typed with `definitions`, loaded before the import starts.
 */
export async function* csvProducts(rows: AsyncIterable<CsvRow>, definitions: ReadonlyMap<string, AttributeDefinition>): AsyncGenerator<ParsedProduct> {
  let columns: Column[] | undefined;
  let handleAt = 0;
  let group: { handle: string; lines: number[]; rows: string[][]; errors: RowError[] } | undefined;
  const finished = new Set<string>();

  const standalone = (line: number, handle: string | undefined, error: Omit<RowError, 'line' | 'item'>): ParsedProduct => ({
    line,
    rows: 1,
    handle,
    record: undefined,
    locate: (field) => ({ line, field }),
    errors: [{ line, item: handle, ...error }],
  });

  for await (const row of rows) {
    if ('malformed' in row) {
      yield standalone(row.line, undefined, { code: 'malformed-row', message: row.malformed });
      continue;
    }
    if (!columns) {
      columns = readHeader(row.fields);
      handleAt = columns.findIndex((c) => c.kind === 'product' && c.name === 'handle');
      continue;
    }
    const handle = (row.fields[handleAt] ?? '').trim();
    if (group && handle === group.handle) {
      group.lines.push(row.line);
      group.rows.push(row.fields);
      if (row.fields.length !== columns.length) group.errors.push(wrongCount(row.line, handle, row.fields.length, columns.length));
      continue;
    }
    if (group) {
      finished.add(group.handle);
      yield buildProduct(group, columns, definitions);
      group = undefined;
    }
    if (handle === '') {
      yield standalone(row.line, undefined, row.fields.length !== columns.length ? wrongCount(row.line, undefined, row.fields.length, columns.length) : { field: 'handle', code: 'missing-field', message: 'handle is empty' });
      continue;
    }
    if (finished.has(handle)) {
      yield standalone(row.line, handle, { field: 'handle', code: 'product-not-adjacent', message: `the rows of ${handle} are not adjacent: it already appeared above` });
      continue;
    }
    group = { handle, lines: [row.line], rows: [row.fields], errors: [] };
    if (row.fields.length !== columns.length) group.errors.push(wrongCount(row.line, handle, row.fields.length, columns.length));
  }
  if (group && columns) yield buildProduct(group, columns, definitions);
}

function wrongCount(line: number, handle: string | undefined, got: number, expected: number): RowError {
  return { line, item: handle, code: 'malformed-row', message: `the row has ${got} fields, the header ${expected}` };
}

function buildProduct(
  group: { handle: string; lines: number[]; rows: string[][]; errors: RowError[] },
  columns: Column[],
  definitions: ReadonlyMap<string, AttributeDefinition>,
): ParsedProduct {
  const parsed: ParsedProduct = { line: group.lines[0]!, rows: group.rows.length, handle: group.handle, record: undefined, locate: csvLocate(group.lines), errors: group.errors };
  if (group.errors.length > 0) return parsed;
  const error = (line: number, field: string, code: RowError['code'], message: string) => parsed.errors.push({ line, item: group.handle, field, code, message });

  const first = group.rows[0]!;
  const cell: Record<string, string> = {};
  const attributes: AttributeValues = {};
  columns.forEach((column, i) => {
    const value = first[i]!;
    if (column.kind === 'product') cell[column.name] = value;
    else if (column.kind === 'attr' && value !== '') addAttribute(attributes, column, value, definitions, (field, code, message) => error(parsed.line, field, code, message));
  });
  // Product columns on later rows: empty or the same value as on the first row.
  group.rows.slice(1).forEach((row, r) => {
    columns.forEach((column, i) => {
      if (column.kind !== 'product' && column.kind !== 'attr') return;
      const value = row[i]!;
      if (value !== '' && value !== first[i] && !(column.kind === 'product' && column.name === 'handle')) {
        const field = column.kind === 'product' ? column.name : `attr.${column.code}${column.locale ? `.${column.locale}` : ''}`;
        error(group.lines[r + 1]!, field, 'invalid-value', `differs from the product's first row (product columns are read from the first row)`);
      }
    });
  });

  const urls = splitList(cell.media ?? '');
  const alts = splitList(cell.media_alt ?? '');
  if (alts.length > 0 && alts.length !== urls.length) error(parsed.line, 'media_alt', 'invalid-value', `${alts.length} alt texts for ${urls.length} media URLs`);
  const status = cell.status ?? '';
  const record: ProductRecord = {
    handle: group.handle,
    name: cell.name ?? '',
    description: cell.description ?? '',
    ...(status !== '' && { status: status as ProductRecord['status'] }),
    category: cell.category || null,
    brand: cell.brand || null,
    ...(cell.brand_name && { brandName: cell.brand_name }),
    ...(cell.channels && { channels: splitList(cell.channels) }),
    media: urls.map((url, m) => ({ url, alt: alts[m] ?? '' })),
    attributes,
    variants: group.rows.map((row, r) => buildVariant(row, columns, definitions, (field, code, message) => error(group.lines[r]!, field, code, message))),
  };
  parsed.record = record;
  return parsed;
}

function buildVariant(
  row: string[],
  columns: Column[],
  definitions: ReadonlyMap<string, AttributeDefinition>,
  error: (field: string, code: RowError['code'], message: string) => void,
): VariantRecord {
  const variant: VariantRecord & { options: Record<string, string>; attributes: AttributeValues } = { sku: '', options: {}, attributes: {} };
  columns.forEach((column, i) => {
    const value = row[i]!;
    if (value === '') return;
    switch (column.kind) {
      case 'variant':
        if (column.name === 'sku') variant.sku = value.trim();
        else if (column.name === 'variant_name') variant.name = value;
        else {
          const grams = Number(value);
          if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(grams)) error('weight_grams', 'invalid-value', `"${value}" is not a whole number of grams`);
          else variant.weightGrams = grams;
        }
        break;
      case 'option':
        variant.options[column.name] = value;
        break;
      case 'vattr':
        addAttribute(variant.attributes, column, value, definitions, error);
        break;
    }
  });
  return variant;
}

/** Types one attribute cell with its definition; localized text gathers one locale per column. */
function addAttribute(
  into: AttributeValues,
  column: { kind: 'attr' | 'vattr'; code: string; locale?: string },
  raw: string,
  definitions: ReadonlyMap<string, AttributeDefinition>,
  error: (field: string, code: RowError['code'], message: string) => void,
): void {
  const field = `${column.kind}.${column.code}${column.locale ? `.${column.locale}` : ''}`;
  const definition = definitions.get(column.code);
  if (!definition) return error(field, 'unknown-attribute', `No attribute is defined with code "${column.code}"`);
  if (definition.type === 'text' && definition.localized) {
    if (!column.locale) return error(field, 'invalid-attribute', `${column.code} is localized: use one column per locale, e.g. ${column.kind}.${column.code}.en`);
    const texts = (typeof into[column.code] === 'object' ? into[column.code] : (into[column.code] = {})) as Record<string, string>;
    texts[column.locale] = raw;
    return;
  }
  if (column.locale) return error(field, 'invalid-attribute', `${column.code} is not localized: use the column ${column.kind}.${column.code}`);
  const value = parseAttributeCell(definition, raw);
  if (typeof value === 'object') return error(field, 'invalid-attribute', value.error);
  into[column.code] = value;
}
