import type { ProductRecord } from './records.ts';
import type { RowError } from './row-error.ts';

/**
 * A product read from the file (one NDJSON line, or the adjacent CSV rows of one handle), before
 * validation. `record` is missing when the rows could not be read at all.
 */
export interface ParsedProduct {
  /** The line the product starts on. */
  line: number;
  /** How many file rows it took (progress counts rows). */
  rows: number;
  handle: string | undefined;
  record: ProductRecord | undefined;
  /**
   * Where a field is in the file: `field` uses the NDJSON names (`brandName`, `attributes.color`);
   * `variant` is the variant's index. CSV files answer with their column and the variant's row.
   */
  locate(field: string, variant?: number): { line: number; field: string };
  errors: RowError[];
}

/** Records an error against a field of the product (or of one of its variants). */
export function reject(product: ParsedProduct, code: RowError['code'], field: string | undefined, message: string, variant?: number): void {
  const where = field === undefined ? { line: variant === undefined ? product.line : product.locate('', variant).line, field: undefined } : product.locate(field, variant);
  product.errors.push({ line: where.line, item: product.handle, field: where.field, code, message });
}
