import { catalogErrors } from '../errors.ts';
import { fieldProblem } from './violations.ts';

/** Rejects a variant list that uses one SKU twice (the database would only say "taken"). */
export function assertDistinctSkus(variants: ReadonlyArray<{ sku: string }>): void {
  const seen = new Set<string>();
  variants.forEach(({ sku }, index) => {
    if (seen.has(sku)) {
      throw fieldProblem(catalogErrors.duplicateSku, [{ field: `variants[${index}].sku`, code: 'duplicate-sku', message: `SKU ${sku} appears more than once` }], { sku });
    }
    seen.add(sku);
  });
}

/** Who sees what: the public sees published products only; catalog staff see drafts too. */
export function visibleStatuses(isStaff: boolean, requested?: 'draft' | 'published'): Array<'draft' | 'published'> {
  if (!isStaff) return ['published'];
  return requested ? [requested] : ['draft', 'published'];
}

/** Roles and scopes allowed to write the catalog (admin always may). */
export const CATALOG_WRITERS = { roles: ['catalog-manager'], scopes: ['catalog:write'] } as const;
