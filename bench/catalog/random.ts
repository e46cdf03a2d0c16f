/** Deterministic randomness for the synthetic catalog: the same seed gives the same catalog everywhere. */

/** mulberry32: small, fast, good enough for test data (not for anything secret). */
export function mulberry32(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mixes numbers into one 32-bit seed (so item i of seed s has its own independent stream). */
export function mix(...values: number[]): number {
  let h = 0x811c9dc5;
  for (const v of values) {
    h = Math.imul(h ^ (v & 0xffff), 0x01000193);
    h = Math.imul(h ^ (v >>> 16), 0x01000193);
    h ^= h >>> 13;
    h = Math.imul(h, 0x5bd1e995);
    h ^= h >>> 15;
  }
  return h >>> 0;
}

/** A sampler of indexes 0…n-1 with probability ∝ 1/(rank+1)^s; ranks shuffled by `rand` if given (else index 0 is the most likely). */
export function zipf(n: number, s: number, rand?: () => number): (r: number) => number {
  const cumulative = new Float64Array(n);
  let total = 0;
  for (let k = 0; k < n; k++) cumulative[k] = total += 1 / Math.pow(k + 1, s);
  const order = rand ? shuffle([...Array(n).keys()], rand) : [...Array(n).keys()];
  return (r) => {
    const target = r * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid]! < target) lo = mid + 1;
      else hi = mid;
    }
    return order[lo]!;
  };
}

/** A sampler over explicit weights (index by weight). */
export function weighted(weights: readonly number[]): (r: number) => number {
  const total = weights.reduce((a, b) => a + b, 0);
  return (r) => {
    let target = r * total;
    for (let i = 0; i < weights.length; i++) {
      target -= weights[i]!;
      if (target < 0) return i;
    }
    return weights.length - 1;
  };
}

export function shuffle<T>(items: T[], rand: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/**
 * A uuidv7-shaped id (`<prefix>_` + 32 hex, like the kit's `newId`) whose time part is `ms`, so ids
 * sort in generation order, and whose random part comes from `salt`.
 */
export function deterministicId(prefix: string, ms: number, salt: number): string {
  const time = ms.toString(16).padStart(12, '0');
  const a = mix(salt, 1).toString(16).padStart(8, '0');
  const b = mix(salt, 2).toString(16).padStart(8, '0');
  const c = mix(salt, 3).toString(16).padStart(8, '0');
  const variant = ((parseInt(b[0]!, 16) & 0x3) | 0x8).toString(16);
  return `${prefix}_${time}7${a.slice(0, 3)}${variant}${b.slice(1, 4)}${c}${a.slice(3, 7)}`;
}
