import type { ColumnType, Generated } from 'kysely';

type Json<T> = ColumnType<T, string | undefined, string>;
type LocalizedText = Record<string, string>;
type AttributeValues = Record<string, string | number | boolean | LocalizedText>;
type CreatedAt = ColumnType<Date, Date | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | undefined, Date>;

/** The catalog database, as Kysely sees it. */
export interface CatalogTables {
  categories: {
    id: string;
    slug: string;
    name: string;
    parent_id: string | null;
    position: Generated<number>;
    version: Generated<number>;
    created_at: CreatedAt;
    updated_at: UpdatedAt;
  };
  brands: {
    id: string;
    slug: string;
    name: string;
    version: Generated<number>;
    created_at: CreatedAt;
    updated_at: UpdatedAt;
  };
  channels: {
    code: string;
    name: string;
  };
  attribute_definitions: {
    code: string;
    type: 'text' | 'number' | 'enum' | 'boolean';
    label: Json<LocalizedText>;
    localized: Generated<boolean>;
    scope: Generated<'product' | 'variant'>;
    options: Json<Array<{ code: string; label: LocalizedText }>>;
    unit: string | null;
    facetable: Generated<boolean>;
    searchable: Generated<boolean>;
    version: Generated<number>;
    created_at: CreatedAt;
    updated_at: UpdatedAt;
  };
  products: {
    id: string;
    handle: string;
    name: string;
    description: string;
    status: 'draft' | 'published';
    category_id: string | null;
    brand_id: string | null;
    channels: ColumnType<string[], string[] | undefined, string[]>;
    attributes: Json<AttributeValues>;
    media: Json<Array<{ url: string; alt: string }>>;
    content_hash: string | null;
    version: Generated<number>;
    created_at: CreatedAt;
    updated_at: UpdatedAt;
  };
  variants: {
    id: string;
    product_id: string;
    sku: string;
    name: string;
    options: ColumnType<Record<string, string>, string, string>;
    attributes: Json<AttributeValues>;
    weight_grams: number | null;
    position: number;
  };
}
