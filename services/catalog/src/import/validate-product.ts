import { checkAttributeValues, type AttributeDefinition, type AttributeValues } from '../domain/attributes.ts';
import { reject, type ParsedProduct } from './parsed-product.ts';

/** What a product may refer to, loaded once per import (categories and channels are small). */
export interface ProductReferences {
  categories: ReadonlyMap<string, string>;
  definitions: ReadonlyMap<string, AttributeDefinition>;
  channels: readonly string[];
  /** Every SKU seen so far in this file (a later duplicate is rejected). */
  skusInFile: Set<string>;
}

/** A valid product with every default filled in: exactly what gets written and hashed. */
export interface ImportProduct {
  line: number;
  /** File rows it took. */
  rows: number;
  /** Where a field is in the file (for errors found when writing). */
  locate: ParsedProduct['locate'];
  handle: string;
  name: string;
  description: string;
  status: 'draft' | 'published';
  categoryId: string | null;
  brand: { slug: string; name: string } | null;
  channels: string[];
  media: Array<{ url: string; alt: string }>;
  attributes: AttributeValues;
  variants: Array<{ sku: string; name: string; options: Record<string, string>; attributes: AttributeValues; weightGrams: number | null }>;
}

const HANDLE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const SKU = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;
const MAX_VARIANTS = 100;

function isHttpUrl(text: string): boolean {
  if (text.length > 2000) return false;
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * Checks everything about a product that can be checked without the database (SKUs owned by
 * another product are checked when its batch is written). Records errors on `parsed`; returns the
 * product ready to write, or undefined when it has any error.
 */
export function validateProduct(parsed: ParsedProduct, refs: ProductReferences): ImportProduct | undefined {
  const record = parsed.record;
  if (!record || parsed.errors.length > 0) {
    for (const v of record?.variants ?? []) if (v.sku) refs.skusInFile.add(v.sku);
    return undefined;
  }
  const fail = (code: Parameters<typeof reject>[1], field: string | undefined, message: string, variant?: number) => reject(parsed, code, field, message, variant);

  if (record.handle === '') fail('missing-field', 'handle', 'handle is empty');
  else if (record.handle.length > 120 || !HANDLE.test(record.handle)) fail('invalid-value', 'handle', `"${record.handle}" is not a handle (lowercase letters, digits and single dashes, at most 120)`);
  if (record.name.trim() === '') fail('missing-field', 'name', 'name is empty');
  else if (record.name.length > 200) fail('invalid-value', 'name', 'name is longer than 200 characters');
  if ((record.description ?? '').length > 20_000) fail('invalid-value', 'description', 'description is longer than 20,000 characters');
  if (record.status !== undefined && record.status !== 'draft' && record.status !== 'published') fail('invalid-value', 'status', `"${record.status}" is not draft or published`);

  let categoryId: string | null = null;
  if (record.category) {
    categoryId = refs.categories.get(record.category) ?? null;
    if (!categoryId) fail('unknown-category', 'category', `No category has the slug "${record.category}"`);
  }
  let brand: ImportProduct['brand'] = null;
  if (record.brand) {
    if (!HANDLE.test(record.brand) || record.brand.length > 120) fail('invalid-value', 'brand', `"${record.brand}" is not a brand slug`);
    else if ((record.brandName ?? '').length > 120) fail('invalid-value', 'brandName', 'brand name is longer than 120 characters');
    else brand = { slug: record.brand, name: record.brandName?.trim() || record.brand };
  }
  const channels = record.channels ?? [...refs.channels];
  for (const channel of channels) if (!refs.channels.includes(channel)) fail('invalid-value', 'channels', `No channel has the code "${channel}" (${refs.channels.join(', ')})`);
  if (new Set(channels).size !== channels.length) fail('invalid-value', 'channels', 'a channel is listed twice');

  const media = (record.media ?? []).map((m) => ({ url: m.url, alt: m.alt ?? '' }));
  media.forEach((m, i) => {
    if (!isHttpUrl(m.url)) fail('invalid-value', 'media.url', `media ${i + 1}: "${m.url}" is not an http(s) URL`);
    if (m.alt.length > 300) fail('invalid-value', 'media.alt', `media ${i + 1}: alt text is longer than 300 characters`);
  });

  const attributes = record.attributes ?? {};
  for (const violation of checkAttributeValues(refs.definitions, attributes, 'product', 'attributes')) {
    fail(violation.code === 'unknown-attribute' ? 'unknown-attribute' : 'invalid-attribute', violation.field, violation.message);
  }

  if (record.variants.length === 0) fail('missing-field', 'variants', 'a product needs at least one variant');
  if (record.variants.length > MAX_VARIANTS) fail('invalid-value', 'variants', `more than ${MAX_VARIANTS} variants`);
  const variants: ImportProduct['variants'] = record.variants.map((v, i) => {
    if (v.sku === '') fail('missing-field', 'sku', 'sku is empty', i);
    else if (v.sku.length > 64 || !SKU.test(v.sku)) fail('invalid-value', 'sku', `"${v.sku}" is not a SKU (letters, digits, . _ / -, at most 64)`, i);
    else if (refs.skusInFile.has(v.sku)) fail('duplicate-sku', 'sku', `SKU ${v.sku} appears earlier in the file`, i);
    if (v.sku) refs.skusInFile.add(v.sku);
    const name = v.name?.trim() ? v.name : record.name;
    if (name.length > 200) fail('invalid-value', 'name', 'variant name is longer than 200 characters', i);
    const options = v.options ?? {};
    if (Object.keys(options).length > 10) fail('invalid-value', 'options', 'more than 10 options', i);
    for (const [key, value] of Object.entries(options)) {
      if (key.length > 40 || value.length > 120) fail('invalid-value', `options.${key}`, 'option names are at most 40 characters, values 120', i);
    }
    const values = v.attributes ?? {};
    for (const violation of checkAttributeValues(refs.definitions, values, 'variant', 'attributes')) {
      fail(violation.code === 'unknown-attribute' ? 'unknown-attribute' : 'invalid-attribute', violation.field, violation.message, i);
    }
    return { sku: v.sku, name, options, attributes: values, weightGrams: v.weightGrams ?? null };
  });

  if (parsed.errors.length > 0) return undefined;
  return {
    line: parsed.line,
    rows: parsed.rows,
    locate: parsed.locate,
    handle: record.handle,
    name: record.name,
    description: record.description ?? '',
    status: record.status ?? 'draft',
    categoryId,
    brand,
    channels,
    media,
    attributes,
    variants,
  };
}
