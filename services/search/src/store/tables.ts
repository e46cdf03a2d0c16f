import type { ColumnType } from 'kysely';

/** The search read model, as Kysely sees it. */
export interface SearchTables {
  search_products: {
    id: string;
    handle: string;
    name: string;
    description: string;
    status: string;
    category_id: string | null;
    skus: string[];
    /** The SKUs as one string, for the full-text document (array_to_string is not immutable). */
    sku_text: string;
    version: number;
    updated_at: ColumnType<Date, string, string>;
  };
}
