/** Lower-case, accent-free tokens: the unit of the index and of queries. */

const SEPARATOR = /[^\p{L}\p{N}]+/u;
const MARKS = /\p{M}+/gu;
const NON_ASCII = /[^\x00-\x7f]/;
const ASCII_SEPARATOR = /[^a-z0-9]+/;

/** Words too common in descriptions to be worth indexing there (or requiring in a query). */
export const STOPWORDS = new Set([
  'a', 'an', 'and', 'are', 'as', 'at', 'be', 'by', 'for', 'from', 'in', 'is', 'it', 'its', 'of', 'on', 'or', 'that', 'the', 'this', 'to', 'with', 'your', 'you',
]);

/** Longest token kept; longer runs are cut (they are never typed in a search box). */
const MAX_TOKEN = 40;

/** Splits text into normalized tokens, in order, duplicates kept. */
export function tokenize(text: string): string[] {
  if (!text) return [];
  // Plain ASCII (most product text) needs no Unicode normalization.
  const ascii = !NON_ASCII.test(text);
  const normalized = ascii ? text.toLowerCase() : text.normalize('NFKD').replace(MARKS, '').toLowerCase();
  const tokens: string[] = [];
  for (const part of normalized.split(ascii ? ASCII_SEPARATOR : SEPARATOR)) {
    if (part.length > 0) tokens.push(part.length > MAX_TOKEN ? part.slice(0, MAX_TOKEN) : part);
  }
  return tokens;
}

/** A 32-bit set of the characters in a term: two terms within edit distance d differ in at most 2d bits. */
export function letterMask(term: string): number {
  let mask = 0;
  for (let i = 0; i < term.length; i++) mask |= 1 << (term.charCodeAt(i) % 32);
  return mask >>> 0;
}

/** Number of set bits. */
export function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Typos allowed in a query term of this length: none below 5 characters, 1 up to 8, then 2. */
export function typoBudget(term: string): number {
  if (term.length < 5 || /^\d+$/.test(term)) return 0;
  return term.length < 9 ? 1 : 2;
}

const rowA = new Int32Array(MAX_TOKEN + 3);
const rowB = new Int32Array(MAX_TOKEN + 3);
const rowC = new Int32Array(MAX_TOKEN + 3);

/**
 * Optimal-string-alignment distance (insert, delete, substitute, swap of neighbours), or `max + 1`
 * as soon as it is certain to exceed `max`.
 */
export function boundedEditDistance(a: string, b: string, max: number): number {
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > max) return max + 1;
  let previous2 = rowA;
  let previous = rowB;
  let current = rowC;
  for (let j = 0; j <= m; j++) previous[j] = j;
  for (let i = 1; i <= n; i++) {
    current[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      const cb = b.charCodeAt(j - 1);
      let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (ca === cb ? 0 : 1));
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) d = Math.min(d, previous2[j - 2]! + 1);
      current[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    const spare = previous2;
    previous2 = previous;
    previous = current;
    current = spare;
  }
  return previous[m]!;
}
