/** One weight band: up to and including `maxGrams`, the shipment costs `amount`. */
export interface WeightBand {
  maxGrams: number;
  amount: number;
}

/** A shipping method's rate for one zone and currency (amounts in the currency's tax mode). */
export type ShippingRate =
  | { kind: 'flat'; amount: number; freeOver: number | null }
  | { kind: 'weight'; bands: readonly WeightBand[]; freeOver: number | null };

export type ShippingCost = { amount: number; free: boolean } | { tooHeavy: true; maxGrams: number };

/**
 * What a shipment costs: free when the goods' subtotal after discounts reaches `freeOver`;
 * otherwise the flat amount, or the amount of the first band whose `maxGrams` covers the weight
 * (bands are kept sorted ascending). A shipment heavier than the last band cannot use the method.
 */
export function shippingCost(rate: ShippingRate, shipment: { weightGrams: number; goodsSubtotal: number }): ShippingCost {
  if (rate.freeOver !== null && shipment.goodsSubtotal >= rate.freeOver) return { amount: 0, free: true };
  if (rate.kind === 'flat') return { amount: rate.amount, free: false };
  const band = rate.bands.find((b) => shipment.weightGrams <= b.maxGrams);
  if (!band) return { tooHeavy: true, maxGrams: rate.bands.at(-1)?.maxGrams ?? 0 };
  return { amount: band.amount, free: false };
}

/** Bands sorted ascending by weight; false when two bands share a weight. */
export function normalizeBands(bands: readonly WeightBand[]): WeightBand[] | false {
  const sorted = [...bands].sort((a, b) => a.maxGrams - b.maxGrams);
  return sorted.every((band, i) => i === 0 || band.maxGrams > sorted[i - 1]!.maxGrams) ? sorted : false;
}
