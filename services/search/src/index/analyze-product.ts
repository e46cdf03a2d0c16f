import type { EventData, productUpserted } from '@mercato/contracts';
import type { Dictionaries } from './dictionaries.ts';
import { STOPWORDS, tokenize } from './text.ts';

export type ProductState = EventData<typeof productUpserted>;

/** How much a term counts depending on where it appears (the relevance order of the fields). */
export const FIELD_WEIGHTS = {
  name: 10,
  sku: 8,
  brand: 5,
  category: 3,
  ancestorCategory: 1.5,
  attribute: 1.5,
  description: 1,
} as const;

/** What a search result shows of a product (kept in memory, served without a database read). */
export interface HitRecord {
  id: string;
  handle: string;
  name: string;
  brandId: string | null;
  categoryId: string | null;
  skus: string[];
  image: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** A product reduced to what the index stores. */
export interface AnalyzedProduct {
  hit: HitRecord;
  /** Term → weight (field weights summed, repeated terms count a little more). */
  terms: Map<string, number>;
  /** Facet and filter values: [dimension, value code]. */
  values: Array<[string, string]>;
  categoryId: string | null;
  createdAt: number;
  /** Lower-cased name, for sorting by name. */
  nameKey: string;
}

/** Dimension names of the built-in facets and filters; attributes use `attr:<code>`. */
export const DIMENSIONS = { brand: 'brand', channel: 'channel' } as const;
export const attributeDimension = (code: string) => `attr:${code}`;

function addField(terms: Map<string, number>, text: string, weight: number, skipStopwords = false): void {
  const seen = new Map<string, number>();
  for (const token of tokenize(text)) {
    if (skipStopwords && STOPWORDS.has(token)) continue;
    seen.set(token, (seen.get(token) ?? 0) + 1);
  }
  // A repeated term adds 30 % per extra occurrence, up to three.
  for (const [token, tf] of seen) terms.set(token, (terms.get(token) ?? 0) + weight * (1 + 0.3 * (Math.min(tf, 4) - 1)));
}

/** Text of attribute values whose definition is searchable (enum codes become their labels). */
function attributeText(code: string, value: unknown, dictionaries: Dictionaries): string {
  const definition = dictionaries.attributes.get(code);
  if (!definition?.searchable) return '';
  if (typeof value === 'string') {
    if (definition.type !== 'enum') return value;
    const option = definition.options.find((o) => o.code === value);
    return option ? Object.values(option.label).join(' ') : value;
  }
  if (value && typeof value === 'object') return Object.values(value as Record<string, string>).join(' ');
  return '';
}

/** Turns a product's state into terms, facet values and its result record. */
export function analyzeProduct(product: ProductState, dictionaries: Dictionaries): AnalyzedProduct {
  const terms = new Map<string, number>();
  addField(terms, product.name, FIELD_WEIGHTS.name);
  for (const variant of product.variants) addField(terms, variant.sku, FIELD_WEIGHTS.sku);
  if (product.brandId) addField(terms, dictionaries.brands.get(product.brandId)?.name ?? '', FIELD_WEIGHTS.brand);
  if (product.categoryId) {
    const names = dictionaries.categoryNames(product.categoryId);
    addField(terms, names.own, FIELD_WEIGHTS.category);
    addField(terms, names.ancestors.join(' '), FIELD_WEIGHTS.ancestorCategory);
  }
  addField(terms, product.description, FIELD_WEIGHTS.description, true);

  const values: Array<[string, string]> = [];
  const seenValues = new Set<string>();
  const addValue = (dimension: string, code: string) => {
    const key = `${dimension}\u0000${code}`;
    if (seenValues.has(key)) return;
    seenValues.add(key);
    values.push([dimension, code]);
  };
  if (product.brandId) addValue(DIMENSIONS.brand, product.brandId);
  for (const channel of product.channels) addValue(DIMENSIONS.channel, channel);

  const attributeTexts: string[] = [];
  const addAttributes = (attributes: Record<string, unknown>) => {
    for (const [code, value] of Object.entries(attributes)) {
      if (typeof value === 'string' && value.length <= 100) addValue(attributeDimension(code), value);
      else if (typeof value === 'boolean') addValue(attributeDimension(code), String(value));
      const text = attributeText(code, value, dictionaries);
      if (text) attributeTexts.push(text);
    }
  };
  addAttributes(product.attributes);
  for (const variant of product.variants) {
    addAttributes(variant.attributes);
    // Options (size: M) stand in for variant attributes of the same code when those are not set.
    for (const [code, value] of Object.entries(variant.options)) {
      if (!(code in variant.attributes) && value.length <= 100) addValue(attributeDimension(code), value);
    }
  }
  if (attributeTexts.length) addField(terms, attributeTexts.join(' '), FIELD_WEIGHTS.attribute);

  return {
    hit: {
      id: product.id,
      handle: product.handle,
      name: product.name,
      brandId: product.brandId,
      categoryId: product.categoryId,
      skus: product.variants.map((v) => v.sku),
      image: product.media[0]?.url ?? null,
      version: product.version,
      createdAt: product.createdAt,
      updatedAt: product.updatedAt,
    },
    terms,
    values,
    categoryId: product.categoryId,
    createdAt: Date.parse(product.createdAt),
    nameKey: product.name.toLowerCase(),
  };
}

/** Whether a product belongs in the public index at all. */
export function isSearchable(product: ProductState): boolean {
  return product.status === 'published';
}

