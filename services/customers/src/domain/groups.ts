/** The groups prices and carts go by: the customer's own plus their company's, sorted, once each. */
export function effectiveGroups(own: readonly string[], companyGroup: string | null): string[] {
  return [...new Set(companyGroup ? [...own, companyGroup] : own)].sort();
}
