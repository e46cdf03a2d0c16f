/**
 * Integer money arithmetic. Amounts are integers in the currency's minor unit; products and
 * quotients go through BigInt so that no intermediate value loses precision, and every division
 * rounds half to even (banker's rounding) — the one rounding rule of docs/reference/money-and-tax.md.
 */

/** `numerator / denominator` rounded half to even (denominator > 0, numerator ≥ 0). */
export function divideHalfEven(numerator: bigint, denominator: bigint): bigint {
  const quotient = numerator / denominator;
  const twiceRemainder = (numerator % denominator) * 2n;
  if (twiceRemainder > denominator) return quotient + 1n;
  if (twiceRemainder < denominator) return quotient;
  return quotient % 2n === 0n ? quotient : quotient + 1n;
}

/** Basis points in 100 %. */
export const FULL_RATE_BP = 10_000n;

/** The tax on a net amount: net × rate, rounded half-even. */
export function taxOnNet(net: number, rateBp: number): number {
  return Number(divideHalfEven(BigInt(net) * BigInt(rateBp), FULL_RATE_BP));
}

/** The tax contained in a gross amount: gross − round(gross / (1 + rate)). */
export function taxInGross(gross: number, rateBp: number): number {
  const net = divideHalfEven(BigInt(gross) * FULL_RATE_BP, FULL_RATE_BP + BigInt(rateBp));
  return gross - Number(net);
}

/** unit × quantity, refusing results that would not be exact in a JS number. */
export function multiply(unit: number, quantity: number): number {
  const product = unit * quantity;
  if (!Number.isSafeInteger(product)) throw new RangeError(`amount ${unit} × ${quantity} is too large`);
  return product;
}
