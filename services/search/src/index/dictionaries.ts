import type { EventData, attributeUpserted, brandUpserted, categoryUpserted } from '@mercato/contracts';

export type CategoryState = EventData<typeof categoryUpserted>;
export type BrandState = EventData<typeof brandUpserted>;
export type AttributeDefinition = EventData<typeof attributeUpserted>;

/** Text per locale, or a plain string. */
export type Localized = Record<string, string>;

/** Picks the text for `locale`: exact, then its language, then English, then any. */
export function pickLocale(text: Localized | string | undefined, locale: string): string {
  if (text === undefined) return '';
  if (typeof text === 'string') return text;
  return text[locale] ?? text[locale.split('-')[0]!] ?? text.en ?? Object.values(text)[0] ?? '';
}

/**
 * The catalog's reference data as the index needs it: categories (with their tree paths), brands
 * and attribute definitions. Categories get a dense number, used by the per-product column.
 */
export class Dictionaries {
  readonly categories = new Map<string, CategoryState>();
  readonly brands = new Map<string, BrandState>();
  readonly attributes = new Map<string, AttributeDefinition>();
  /** Dense number per category id (also for ids seen on products before their category). */
  private readonly categoryNumbers = new Map<string, number>();
  readonly categoryIds: string[] = [];

  categoryNumber(id: string): number {
    let n = this.categoryNumbers.get(id);
    if (n === undefined) {
      n = this.categoryIds.length;
      this.categoryNumbers.set(id, n);
      this.categoryIds.push(id);
    }
    return n;
  }

  /** Ancestor ids from the root down to the category itself (just itself while it is unknown). */
  categoryPath(id: string): string[] {
    return this.categories.get(id)?.path ?? [id];
  }

  /** Names of the category and its ancestors, the category's own first. */
  categoryNames(id: string): { own: string; ancestors: string[] } {
    const path = this.categoryPath(id);
    return {
      own: this.categories.get(id)?.name ?? '',
      ancestors: path.slice(0, -1).map((a) => this.categories.get(a)?.name ?? ''),
    };
  }

  /** A category number → 1 when it lies in the subtree of `rootId`. */
  subtreeMask(rootId: string): Uint8Array {
    const mask = new Uint8Array(this.categoryIds.length);
    for (let n = 0; n < this.categoryIds.length; n++) {
      if (this.categoryPath(this.categoryIds[n]!).includes(rootId)) mask[n] = 1;
    }
    return mask;
  }

  /** Attribute codes that are offered as facets (enum and boolean attributes marked facetable). */
  facetableAttributes(): AttributeDefinition[] {
    return [...this.attributes.values()].filter((a) => a.facetable && (a.type === 'enum' || a.type === 'boolean'));
  }

  /** The label of an enum option in `locale` (its code when unknown). */
  optionLabel(code: string, value: string, locale: string): string {
    const definition = this.attributes.get(code);
    if (definition?.type === 'boolean') return value;
    const option = definition?.options.find((o) => o.code === value);
    return option ? pickLocale(option.label, locale) : value;
  }
}
