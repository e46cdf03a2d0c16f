import type { ColumnType, Generated } from 'kysely';

/** The catalog database, as Kysely sees it. */
export interface CatalogTables {
  categories: {
    id: string;
    slug: string;
    name: string;
    parent_id: string | null;
    created_at: ColumnType<Date, never, never>;
  };
  products: {
    id: string;
    handle: string;
    name: string;
    description: string;
    status: 'draft' | 'published';
    category_id: string | null;
    version: Generated<number>;
    created_at: ColumnType<Date, Date | undefined, never>;
    updated_at: ColumnType<Date, Date | undefined, Date>;
  };
  variants: {
    id: string;
    product_id: string;
    sku: string;
    name: string;
    options: ColumnType<Record<string, string>, string, string>;
    position: number;
  };
}
