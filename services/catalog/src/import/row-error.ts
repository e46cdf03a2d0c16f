/** The stable codes of rejected rows (docs/reference/catalog-import.md). */
export type ImportErrorCode =
  | 'malformed-row'
  | 'missing-field'
  | 'invalid-value'
  | 'unknown-category'
  | 'unknown-attribute'
  | 'invalid-attribute'
  | 'duplicate-sku'
  | 'sku-taken'
  | 'product-not-adjacent'
  | 'category-cycle';

/** One rejected row: where (line, field), which item (handle, slug or code), why. */
export interface RowError {
  line: number;
  item?: string;
  field?: string;
  code: ImportErrorCode;
  message: string;
}

/** The file cannot be imported at all (wrong header, unsupported format): the job fails. */
export class ImportFileError extends Error {}
