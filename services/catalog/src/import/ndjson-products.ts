import { Type } from '@sinclair/typebox';
import { TypeCompiler, type ValueError } from '@sinclair/typebox/compiler';
import type { NdjsonLine } from './ndjson-lines.ts';
import type { ParsedProduct } from './parsed-product.ts';
import type { ProductRecord } from './records.ts';
import type { RowError } from './row-error.ts';

const Value = Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Record(Type.String(), Type.String())]);
const Values = Type.Record(Type.String(), Value);
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

/** The shape of one products NDJSON line; value rules (patterns, references) are checked later. */
const ProductLine = Type.Object(
  {
    handle: Type.String(),
    name: Type.String(),
    description: Type.Optional(Type.String()),
    status: Type.Optional(Type.Union([Type.Literal('draft'), Type.Literal('published')])),
    category: Type.Optional(Nullable(Type.String())),
    brand: Type.Optional(Nullable(Type.String())),
    brandName: Type.Optional(Type.String()),
    channels: Type.Optional(Type.Array(Type.String())),
    media: Type.Optional(Type.Array(Type.Object({ url: Type.String(), alt: Type.Optional(Type.String()) }, { additionalProperties: false }))),
    attributes: Type.Optional(Values),
    variants: Type.Array(
      Type.Object(
        {
          sku: Type.String(),
          name: Type.Optional(Type.String()),
          options: Type.Optional(Type.Record(Type.String(), Type.String())),
          attributes: Type.Optional(Values),
          weightGrams: Type.Optional(Type.Union([Type.Integer({ minimum: 0 }), Type.Null()])),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
const productLine = TypeCompiler.Compile(ProductLine);

/** `/variants/2/sku` → `variants[2].sku` */
function jsonPath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), '');
}

function shapeError(line: number, handle: string | undefined, error: ValueError): RowError {
  const missing = error.value === undefined;
  const field = jsonPath(error.path) || undefined;
  return { line, item: handle, field, code: missing ? 'missing-field' : 'invalid-value', message: missing ? `${field} is required` : error.message };
}

/** One product per NDJSON line, shape-checked. */
export async function* ndjsonProducts(lines: AsyncIterable<NdjsonLine>): AsyncGenerator<ParsedProduct> {
  for await (const entry of lines) {
    const { line } = entry;
    const locate = (field: string, variant?: number) => ({ line, field: variant === undefined ? field : field ? `variants[${variant}].${field}` : `variants[${variant}]` });
    if ('malformed' in entry) {
      yield { line, rows: 1, handle: undefined, record: undefined, locate, errors: [{ line, code: 'malformed-row', message: entry.malformed }] };
      continue;
    }
    const value = entry.value as Record<string, unknown>;
    const handle = typeof value?.handle === 'string' ? value.handle : undefined;
    if (!productLine.Check(value)) {
      const errors: RowError[] = [];
      const seen = new Set<string>();
      for (const error of productLine.Errors(value)) {
        // A union reports one error per member; one per path is enough.
        if (seen.has(error.path)) continue;
        seen.add(error.path);
        errors.push(shapeError(line, handle, error));
        if (errors.length >= 10) break;
      }
      yield { line, rows: 1, handle, record: undefined, locate, errors };
      continue;
    }
    yield { line, rows: 1, handle, record: value as unknown as ProductRecord, locate, errors: [] };
  }
}
