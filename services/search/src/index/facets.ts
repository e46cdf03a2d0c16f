import { attributeDimension, DIMENSIONS } from './analyze-product.ts';
import { pickLocale } from './dictionaries.ts';
import type { ProductIndex } from './product-index.ts';
import type { SearchQuery } from './execute-search.ts';

/** Raw counts of one search: per facet value, and per category (its own products only). */
export interface FacetCounts {
  values: Uint32Array;
  categories: Uint32Array;
}

export interface FacetValue {
  value: string;
  label: string;
  count: number;
  selected: boolean;
}

export interface CategoryFacetValue extends FacetValue {
  parentId: string | null;
  depth: number;
}

export interface AttributeFacet {
  code: string;
  label: string;
  values: FacetValue[];
}

export interface Facets {
  /** The selected category's ancestors, itself and its children (the roots when none is selected); counts include subcategories. */
  category: CategoryFacetValue[];
  brand: FacetValue[];
  attributes: AttributeFacet[];
}

/** Values shown per facet group, most frequent first. */
export const FACET_VALUES_SHOWN = 30;

export function buildFacets(index: ProductIndex, counts: FacetCounts, query: SearchQuery): Facets {
  const wants = (name: string) => query.facets === null || query.facets.includes(name);
  return {
    category: wants('category') ? categoryFacet(index, counts.categories, query.category) : [],
    brand: wants('brand') ? valueFacet(index, DIMENSIONS.brand, counts.values, query.brands, (code) => index.dictionaries.brands.get(code)?.name ?? code) : [],
    attributes: index.dictionaries
      .facetableAttributes()
      .filter((a) => wants(a.code))
      .map((a) => ({
        code: a.code,
        label: pickLocale(a.label, query.locale),
        values: valueFacet(index, attributeDimension(a.code), counts.values, query.attributes[a.code] ?? [], (code) =>
          index.dictionaries.optionLabel(a.code, code, query.locale),
        ),
      }))
      .filter((facet) => facet.values.length > 0),
  };
}

function valueFacet(index: ProductIndex, dimension: string, counts: Uint32Array, selected: string[], label: (code: string) => string): FacetValue[] {
  const id = index.dimensionId(dimension);
  if (id === undefined) return [];
  const values: FacetValue[] = [];
  for (const value of index.dimensionValues[id]!) {
    const count = counts[value]!;
    const code = index.valueCode[value]!;
    const isSelected = selected.includes(code);
    if (count > 0 || isSelected) values.push({ value: code, label: label(code), count, selected: isSelected });
  }
  return values.sort(byCountThenLabel).slice(0, FACET_VALUES_SHOWN);
}

/** Rolls the per-category counts up the tree and returns the drill-down around the selection. */
function categoryFacet(index: ProductIndex, own: Uint32Array, selectedId: string | undefined): CategoryFacetValue[] {
  const { dictionaries } = index;
  const totals = new Map<string, number>();
  for (let n = 0; n < own.length; n++) {
    const count = own[n]!;
    if (count === 0) continue;
    for (const ancestor of dictionaries.categoryPath(dictionaries.categoryIds[n]!)) totals.set(ancestor, (totals.get(ancestor) ?? 0) + count);
  }
  const selectedPath = selectedId ? dictionaries.categoryPath(selectedId) : [];
  const entry = (id: string): CategoryFacetValue => {
    const category = dictionaries.categories.get(id);
    return {
      value: id,
      label: category?.name ?? id,
      count: totals.get(id) ?? 0,
      selected: id === selectedId,
      parentId: category?.parentId ?? null,
      depth: (category?.path.length ?? 1) - 1,
    };
  };
  const children: CategoryFacetValue[] = [];
  for (const [id, count] of totals) {
    if (count === 0) continue;
    const category = dictionaries.categories.get(id);
    const parent = category?.parentId ?? null;
    if (parent === (selectedId ?? null) && id !== selectedId) children.push(entry(id));
  }
  children.sort(byCountThenLabel);
  return [...selectedPath.map(entry), ...children.slice(0, FACET_VALUES_SHOWN)];
}

function byCountThenLabel(a: FacetValue, b: FacetValue): number {
  return b.count - a.count || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0);
}
