import type { AttributeValues } from '../domain/attributes.ts';
import { joinList } from '../import/lists.ts';
import type { ProductRecord } from '../import/records.ts';

/** An attribute column group: one `attr.<code>` column, or one per locale when localized. */
export interface AttributeColumns {
  code: string;
  locales?: string[];
}

/** Which dynamic columns a products CSV has (fixed before the first row is written). */
export interface ProductCsvLayout {
  productAttributes: AttributeColumns[];
  variantAttributes: AttributeColumns[];
  options: string[];
}

const PRODUCT_COLUMNS = ['handle', 'name', 'description', 'status', 'category', 'brand', 'brand_name', 'channels', 'media', 'media_alt'];

const attributeHeader = (prefix: string, groups: AttributeColumns[]) =>
  groups.flatMap((g) => (g.locales ? g.locales.map((l) => `${prefix}.${g.code}.${l}`) : [`${prefix}.${g.code}`]));

export function productCsvHeader(layout: ProductCsvLayout): string[] {
  return [
    ...PRODUCT_COLUMNS,
    ...attributeHeader('attr', layout.productAttributes),
    'sku',
    'variant_name',
    ...layout.options.map((o) => `option.${o}`),
    ...attributeHeader('vattr', layout.variantAttributes),
    'weight_grams',
  ];
}

function attributeCells(values: AttributeValues | undefined, groups: AttributeColumns[]): string[] {
  const cells: string[] = [];
  for (const group of groups) {
    const value = values?.[group.code];
    if (group.locales) {
      for (const locale of group.locales) cells.push(value !== undefined && typeof value === 'object' ? (value[locale] ?? '') : '');
    } else {
      cells.push(value === undefined || typeof value === 'object' ? '' : String(value));
    }
  }
  return cells;
}

/** The rows of one product: product columns on the first row only, one row per variant. */
export function productCsvRows(product: ProductRecord, layout: ProductCsvLayout): string[][] {
  const media = product.media ?? [];
  const productCells = [
    product.handle,
    product.name,
    product.description ?? '',
    product.status ?? 'draft',
    product.category ?? '',
    product.brand ?? '',
    product.brand ? (product.brandName ?? '') : '',
    joinList(product.channels ?? []),
    joinList(media.map((m) => m.url)),
    media.some((m) => m.alt) ? joinList(media.map((m) => m.alt ?? '')) : '',
    ...attributeCells(product.attributes, layout.productAttributes),
  ];
  const blank = productCells.map(() => '');
  blank[0] = product.handle;
  return product.variants.map((variant, i) => [
    ...(i === 0 ? productCells : blank),
    variant.sku,
    variant.name ?? '',
    ...layout.options.map((o) => variant.options?.[o] ?? ''),
    ...attributeCells(variant.attributes, layout.variantAttributes),
    variant.weightGrams === undefined || variant.weightGrams === null ? '' : String(variant.weightGrams),
  ]);
}
