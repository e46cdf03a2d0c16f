import type { AttributeValues } from '../domain/attributes.ts';

/** A variant as the import file carries it (docs/reference/catalog-import.md). */
export interface VariantRecord {
  sku: string;
  name?: string;
  options?: Record<string, string>;
  attributes?: AttributeValues;
  weightGrams?: number | null;
}

/** A product as one NDJSON line (or the CSV rows of one handle) carries it. */
export interface ProductRecord {
  handle: string;
  name: string;
  description?: string;
  status?: 'draft' | 'published';
  category?: string | null;
  brand?: string | null;
  brandName?: string;
  channels?: string[];
  media?: Array<{ url: string; alt?: string }>;
  attributes?: AttributeValues;
  variants: VariantRecord[];
}

/** A category row: upserted by slug, `parent` is a slug. */
export interface CategoryRecord {
  slug: string;
  name: string;
  parent?: string | null;
  position?: number;
}

/** An attribute definition as the attribute API takes it; upserted by code. */
export interface AttributeRecord {
  code: string;
  type: 'text' | 'number' | 'enum' | 'boolean';
  label: Record<string, string>;
  localized?: boolean;
  scope?: 'product' | 'variant';
  options?: Array<{ code: string; label: Record<string, string> }>;
  unit?: string | null;
  facetable?: boolean;
  searchable?: boolean;
}

/** What an import file holds. */
export type ImportKind = 'products' | 'categories' | 'attributes';
export type ImportFormat = 'csv' | 'ndjson';
