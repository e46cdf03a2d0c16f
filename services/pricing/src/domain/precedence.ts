/**
 * Which price wins for one SKU at one quantity (docs/reference/money-and-tax.md, "Precedence"):
 *
 * 1. Candidates are the tiers of lists that apply to the context (active, same currency, the
 *    channel or every channel, valid at the time, and base / one of the customer's groups / the
 *    customer's company or the customer themselves) with `minQuantity` ≤ the quantity.
 * 2. Per list, the tier with the highest `minQuantity` is the list's price.
 * 3. Only the lists with the highest `priority` stay in the race.
 * 4. Among them the lowest unit price wins; on a tie contract beats group beats base, then a
 *    channel-specific list beats an all-channel one, then the list with the smaller id (older).
 */

export type ListKind = 'base' | 'group' | 'contract';

/** One tier of one applicable list. */
export interface PriceCandidate {
  listId: string;
  listCode: string;
  kind: ListKind;
  priority: number;
  channel: string | null;
  validFrom: Date | null;
  validTo: Date | null;
  minQuantity: number;
  amount: number;
}

const KIND_RANK: Record<ListKind, number> = { contract: 0, group: 1, base: 2 };

/** The tier each list offers at `quantity` (its highest minQuantity not above the quantity). */
export function tierPerList(candidates: readonly PriceCandidate[], quantity: number): PriceCandidate[] {
  const best = new Map<string, PriceCandidate>();
  for (const candidate of candidates) {
    if (candidate.minQuantity > quantity) continue;
    const current = best.get(candidate.listId);
    if (!current || candidate.minQuantity > current.minQuantity) best.set(candidate.listId, candidate);
  }
  return [...best.values()];
}

/** Negative when `a` wins over `b`. */
function compare(a: PriceCandidate, b: PriceCandidate): number {
  return (
    b.priority - a.priority ||
    a.amount - b.amount ||
    KIND_RANK[a.kind] - KIND_RANK[b.kind] ||
    Number(a.channel === null) - Number(b.channel === null) ||
    (a.listId < b.listId ? -1 : a.listId > b.listId ? 1 : 0)
  );
}

/** The winning price at `quantity`, or undefined when no list prices the SKU for this context. */
export function winningPrice(candidates: readonly PriceCandidate[], quantity: number): PriceCandidate | undefined {
  let winner: PriceCandidate | undefined;
  for (const candidate of tierPerList(candidates, quantity)) {
    if (!winner || compare(candidate, winner) < 0) winner = candidate;
  }
  return winner;
}
