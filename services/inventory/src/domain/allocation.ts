import type { BackorderPolicy } from '../store/tables.ts';

/** Free stock of one SKU in one active warehouse; bins come in allocation order (priority, code). */
export interface Bin {
  warehouse: string;
  free: number;
}

/** What the SKU's backorder policy still allows. */
export interface BackorderAllowance {
  policy: BackorderPolicy;
  limit: number | null;
  /** Backordered units already outstanding (held and owed), counted against the limit. */
  outstanding: number;
}

export interface LineRequest {
  /** The line's index in the request, to name it in errors. */
  index: number;
  sku: string;
  quantity: number;
}

/** Where one line's units come from: warehouses (by priority), then the backorder (warehouse null). */
export interface LineAllocation {
  sku: string;
  quantity: number;
  parts: Array<{ warehouse: string | null; quantity: number }>;
}

export interface Shortage {
  index: number;
  sku: string;
  requested: number;
  /** What could be held now: free stock plus what the backorder policy still allows. */
  available: number;
}

/** Units the policy still lets the SKU backorder (Infinity without a limit). */
export function backorderRoom(allowance: BackorderAllowance): number {
  if (allowance.policy !== 'allow') return 0;
  return allowance.limit === null ? Infinity : Math.max(0, allowance.limit - allowance.outstanding);
}

/**
 * Allocates every line (distinct SKUs) from free stock in warehouse priority order, then from the
 * backorder allowance. All or nothing: any shortage means no allocation at all.
 */
export function allocate(
  lines: readonly LineRequest[],
  bins: ReadonlyMap<string, readonly Bin[]>,
  allowances: ReadonlyMap<string, BackorderAllowance>,
): { allocations: LineAllocation[]; shortages: [] } | { allocations: []; shortages: Shortage[] } {
  const allocations: LineAllocation[] = [];
  const shortages: Shortage[] = [];
  for (const line of lines) {
    let missing = line.quantity;
    const parts: LineAllocation['parts'] = [];
    for (const bin of bins.get(line.sku) ?? []) {
      if (missing === 0) break;
      const take = Math.min(missing, bin.free);
      if (take > 0) parts.push({ warehouse: bin.warehouse, quantity: take });
      missing -= take;
    }
    const room = backorderRoom(allowances.get(line.sku) ?? { policy: 'deny', limit: null, outstanding: 0 });
    if (missing > room) {
      const free = line.quantity - missing;
      shortages.push({ index: line.index, sku: line.sku, requested: line.quantity, available: free + Math.min(room, Number.MAX_SAFE_INTEGER) });
      continue;
    }
    if (missing > 0) parts.push({ warehouse: null, quantity: missing });
    allocations.push({ sku: line.sku, quantity: line.quantity, parts });
  }
  return shortages.length > 0 ? { allocations: [], shortages } : { allocations, shortages: [] };
}
