import type { ProductIndex } from './product-index.ts';
import { MATCH_QUALITY, type TermMatch } from './terms.ts';
import { STOPWORDS, tokenize, typoBudget } from './text.ts';

/** Most words of a query that count; the rest is ignored. */
export const MAX_QUERY_WORDS = 8;
/** Most completions one prefix expands to (the most frequent win). */
export const MAX_COMPLETIONS = 50;
export const SHORT_PREFIX_COMPLETIONS = 10;

/** The words of a query: stop words dropped unless nothing else is left, duplicates removed. */
export function queryWords(text: string): string[] {
  const tokens = [...new Set(tokenize(text))];
  const meaningful = tokens.filter((t) => !STOPWORDS.has(t));
  return (meaningful.length ? meaningful : tokens).slice(0, MAX_QUERY_WORDS);
}

/** Index terms a query word stands for: itself, completions when it is being typed, near misses. */
export function expandWord(index: ProductIndex, word: string, asPrefix: boolean, typos: boolean): TermMatch[] {
  const matches: TermMatch[] = [];
  const seen = new Set<number>();
  const exact = index.terms.idOf(word);
  if (exact !== undefined) {
    matches.push({ term: exact, quality: MATCH_QUALITY.exact });
    seen.add(exact);
  }
  if (asPrefix) {
    // One or two letters say little: fewer completions keep the union of their lists small.
    const limit = word.length <= 2 ? SHORT_PREFIX_COMPLETIONS : MAX_COMPLETIONS;
    for (const term of index.terms.completions(word, limit, (t) => index.postings.frequency(t))) {
      if (!seen.has(term)) matches.push({ term, quality: MATCH_QUALITY.prefix }), seen.add(term);
    }
  }
  const budget = typos ? typoBudget(word) : 0;
  if (budget > 0) {
    const near = index.terms.withinDistance(word, budget).sort((a, b) => a.distance - b.distance);
    for (const { term, distance } of near) {
      if (!seen.has(term)) matches.push({ term, quality: distance === 1 ? MATCH_QUALITY.typo1 : MATCH_QUALITY.typo2 }), seen.add(term);
    }
  }
  return matches;
}

/** Documents matching every word, with their relevance in `index.scratch.score`. */
export interface TextMatch {
  docs: number[];
  words: string[];
}

/**
 * Finds the documents that match every query word (through any of its expansions) and scores them:
 * for each word, the first expansion that reaches a document (best quality first) adds
 * idf × field weight × match quality. A stamp per document counts the words it matched in this
 * query, so no per-query clearing of the scratch arrays is needed.
 */
export function matchText(index: ProductIndex, text: string, options: { prefix: boolean; typos: boolean }): TextMatch {
  const words = queryWords(text);
  if (words.length === 0) return { docs: [], words };
  const expansions = words.map((word, i) => expandWord(index, word, options.prefix && i === words.length - 1, options.typos));
  if (expansions.some((e) => e.length === 0)) return { docs: [], words };

  // The word with the fewest postings goes last: the final collection walks only its lists.
  const work = expansions
    .map((matches) => ({ matches, postings: matches.reduce((n, m) => n + index.postings.frequency(m.term), 0) }))
    .sort((a, b) => b.postings - a.postings);

  const scratch = prepareScratch(index, work.length + 2);
  const { mark, score } = scratch;
  const base = scratch.stamp;
  scratch.stamp += work.length + 2;
  const total = Math.max(1, index.size);

  for (let i = 0; i < work.length; i++) {
    const want = base + i;
    const next = want + 1;
    for (const { term, quality } of work[i]!.matches) {
      const factor = Math.log(1 + total / Math.max(1, index.postings.frequency(term))) * quality;
      const { docs, weights, start, end } = index.postings.range(term);
      if (i === 0) {
        for (let p = start; p < end; p++) {
          const doc = docs[p]!;
          if (mark[doc]! < next) (mark[doc] = next), (score[doc] = factor * weights[p]!);
        }
      } else {
        for (let p = start; p < end; p++) {
          const doc = docs[p]!;
          if (mark[doc] === want) (mark[doc] = next), (score[doc]! += factor * weights[p]!);
        }
      }
      const late = index.postings.lateList(term);
      if (late) {
        for (let p = 0; p < late.docs.length; p++) {
          const doc = late.docs[p]!;
          if (i === 0 ? mark[doc]! < next : mark[doc] === want) {
            score[doc] = (i === 0 ? 0 : score[doc]!) + factor * late.weights[p]!;
            mark[doc] = next;
          }
        }
      }
    }
  }

  const matched = base + work.length;
  const collected = matched + 1;
  const alive = index.alive.array;
  const found: number[] = [];
  for (const { term } of work.at(-1)!.matches) {
    index.postings.forEach(term, (doc) => {
      if (mark[doc] === matched) {
        mark[doc] = collected;
        if (alive[doc]) found.push(doc);
      }
    });
  }
  return { docs: found, words };
}

function prepareScratch(index: ProductIndex, stamps: number): ProductIndex['scratch'] {
  const scratch = index.scratch;
  const needed = index.documentCount;
  if (scratch.mark.length < needed) {
    const capacity = Math.max(needed, Math.ceil(scratch.mark.length * 1.5), 1024);
    const mark = new Uint32Array(capacity);
    mark.set(scratch.mark);
    const score = new Float32Array(capacity);
    score.set(scratch.score);
    scratch.mark = mark;
    scratch.score = score;
  }
  if (scratch.stamp + stamps >= 0xfffffff0) {
    scratch.mark.fill(0);
    scratch.stamp = 1;
  }
  return scratch;
}
