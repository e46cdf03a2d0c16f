import { divideHalfEven } from '../money.ts';

/**
 * Spreads an order-level discount over lines in proportion to what is left of each line:
 * line i gets ⌊D × rᵢ / R⌋; the units left over go to the last line, then the one before it, each
 * up to what is left of it. Deterministic, integer, and no line gets more than it has (D ≤ R).
 */
export function allocate(discount: number, remaining: readonly number[]): number[] {
  const total = remaining.reduce((a, b) => a + b, 0);
  const amount = Math.min(discount, total);
  if (amount <= 0 || total === 0) return remaining.map(() => 0);
  const shares = remaining.map((r) => Number((BigInt(amount) * BigInt(r)) / BigInt(total)));
  let left = amount - shares.reduce((a, b) => a + b, 0);
  for (let i = shares.length - 1; i >= 0 && left > 0; i--) {
    const extra = Math.min(left, remaining[i]! - shares[i]!);
    shares[i]! += extra;
    left -= extra;
  }
  return shares;
}

/** `percent` % of an amount, rounded half to even. */
export function percentOf(amount: number, percent: number): number {
  return Number(divideHalfEven(BigInt(amount) * BigInt(percent), 100n));
}
