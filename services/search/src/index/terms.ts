import { Growable } from './growable.ts';
import { boundedEditDistance, letterMask, popcount } from './text.ts';

/** A term matched for a query word, and how well (1 exact, less for a completion or a typo). */
export interface TermMatch {
  term: number;
  quality: number;
}

const HAS_DIGIT = /\d/;

export const MATCH_QUALITY = { exact: 1, prefix: 0.75, typo1: 0.5, typo2: 0.3 } as const;

/**
 * The vocabulary: a number per distinct term, with what prefix and typo look-ups need — a sorted
 * order (fixed when the index is sealed; terms added later are kept apart and scanned), terms
 * bucketed by length and a character mask per term, so that a typo look-up only computes edit
 * distances for the few terms that can be within reach.
 */
export class TermDictionary {
  private readonly ids = new Map<string, number>();
  readonly text: string[] = [];
  private readonly masks = new Growable(Uint32Array, 1 << 14);
  private readonly byLength: number[][] = [];
  private sorted: Int32Array = new Int32Array(0);
  private readonly unsorted: number[] = [];

  get size(): number {
    return this.text.length;
  }

  idOf(term: string): number | undefined {
    return this.ids.get(term);
  }

  /** The term's number, adding it when new. */
  intern(term: string): number {
    let id = this.ids.get(term);
    if (id !== undefined) return id;
    id = this.text.length;
    this.ids.set(term, id);
    this.text.push(term);
    this.masks.push(letterMask(term));
    // Typo look-ups are for words: terms with digits (SKU parts, sizes) only match exactly or as prefixes.
    if (!HAS_DIGIT.test(term)) (this.byLength[term.length] ??= []).push(id);
    this.unsorted.push(id);
    return id;
  }

  /** Sorts every term known so far (for prefix look-ups by binary search). */
  seal(): void {
    const all = Int32Array.from(this.text.keys());
    const text = this.text;
    all.sort((a, b) => (text[a]! < text[b]! ? -1 : text[a]! > text[b]! ? 1 : 0));
    this.sorted = all;
    this.unsorted.length = 0;
  }

  /** Terms starting with `prefix`, the `limit` most frequent ones when there are more. */
  completions(prefix: string, limit: number, frequency: (term: number) => number): number[] {
    const text = this.text;
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (text[this.sorted[mid]!]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    const found: number[] = [];
    for (let i = lo; i < this.sorted.length; i++) {
      const term = this.sorted[i]!;
      if (!text[term]!.startsWith(prefix)) break;
      found.push(term);
    }
    for (const term of this.unsorted) if (text[term]!.startsWith(prefix)) found.push(term);
    if (found.length <= limit) return found;
    return found
      .map((term) => [term, frequency(term)] as const)
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([term]) => term);
  }

  /** Terms within `maxDistance` edits of `word` (itself excluded), with their distance. */
  withinDistance(word: string, maxDistance: number): Array<{ term: number; distance: number }> {
    const mask = letterMask(word);
    const found: Array<{ term: number; distance: number }> = [];
    const masks = this.masks.array;
    for (let length = Math.max(1, word.length - maxDistance); length <= word.length + maxDistance; length++) {
      for (const term of this.byLength[length] ?? []) {
        if (popcount((masks[term]! ^ mask) >>> 0) > 2 * maxDistance) continue;
        const candidate = this.text[term]!;
        if (candidate === word) continue;
        const distance = boundedEditDistance(word, candidate, maxDistance);
        if (distance <= maxDistance) found.push({ term, distance });
      }
    }
    return found;
  }
}
