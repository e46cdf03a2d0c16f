/**
 * A SKU's tax class: the class mapped to its category or, failing that, to the nearest ancestor
 * (categories inherit); the default class when nothing on the path is mapped.
 */
export function taxClassFor(categoryPath: readonly string[] | null, mappings: ReadonlyMap<string, string>, defaultClass: string): string {
  if (categoryPath) {
    for (let i = categoryPath.length - 1; i >= 0; i--) {
      const mapped = mappings.get(categoryPath[i]!);
      if (mapped) return mapped;
    }
  }
  return defaultClass;
}
