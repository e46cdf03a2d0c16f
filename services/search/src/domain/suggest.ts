import { executeSearch } from '../index/execute-search.ts';
import { matchText, queryWords } from '../index/match-text.ts';
import type { ProductIndex } from '../index/product-index.ts';

export interface Suggestions {
  completions: Array<{ text: string; products: number }>;
  products: Array<{ id: string; handle: string; name: string; image: string | null }>;
}

/** Autocomplete: the query with its last word completed (most frequent terms first) and the best products. */
export function suggest(index: ProductIndex, text: string, limit: number, channel?: string): Suggestions {
  const words = queryWords(text);
  const last = words.at(-1);
  const completions: Suggestions['completions'] = [];
  if (last) {
    const head = words.slice(0, -1).join(' ');
    // Products matching the words before the last one (all live products when there are none).
    const within = head ? new Uint8Array(index.documentCount) : index.alive.array;
    if (head) for (const doc of matchText(index, head, { prefix: false, typos: true }).docs) within[doc] = 1;
    for (const term of index.terms.completions(last, limit * 2, (t) => index.postings.frequency(t))) {
      const products = head ? countWithin(index, term, within) : index.postings.frequency(term);
      const text = head ? `${head} ${index.terms.text[term]}` : index.terms.text[term]!;
      if (products > 0) completions.push({ text, products });
    }
    completions.sort((a, b) => b.products - a.products || a.text.localeCompare(b.text));
    completions.splice(limit);
  }
  const outcome = executeSearch(index, {
    text,
    prefix: true,
    typos: true,
    brands: [],
    attributes: {},
    channel,
    facets: [],
    sort: 'relevance',
    limit,
    locale: 'en',
  });
  return {
    completions,
    products: outcome.hits.map(({ record }) => ({ id: record.id, handle: record.handle, name: record.name, image: record.image })),
  };
}

/** Documents of a term's postings that are marked in `within`. */
function countWithin(index: ProductIndex, term: number, within: Uint8Array): number {
  let count = 0;
  const { docs, start, end } = index.postings.range(term);
  for (let p = start; p < end; p++) count += within[docs[p]!]!;
  const late = index.postings.lateList(term);
  if (late) for (const doc of late.docs) count += within[doc]!;
  return count;
}
