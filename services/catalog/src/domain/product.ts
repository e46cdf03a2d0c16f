import { problem } from '@mercato/kit';
import type { ProductInput } from '../api/schemas.ts';
import { catalogErrors } from '../errors.ts';

/** Rejects a variant list that uses one SKU twice (the database would only say "taken"). */
export function assertDistinctSkus(variants: ProductInput['variants']): void {
  const seen = new Set<string>();
  for (const { sku } of variants) {
    if (seen.has(sku)) throw problem(catalogErrors.duplicateSku, `SKU ${sku} appears more than once`, { sku });
    seen.add(sku);
  }
}

/** Who sees what: the public sees published products only; catalog staff see drafts too. */
export function visibleStatuses(isStaff: boolean, requested?: 'draft' | 'published'): Array<'draft' | 'published'> {
  if (!isStaff) return ['published'];
  return requested ? [requested] : ['draft', 'published'];
}

/** Roles and scopes allowed to write the catalog (admin always may). */
export const CATALOG_WRITERS = { roles: ['catalog-manager'], scopes: ['catalog:write'] } as const;
