import { Growable } from './growable.ts';

/**
 * Which documents contain which term, with the term's weight in each. Built in bulk as (term, doc,
 * weight) triples, then sealed into one compressed-row layout (an offset per term into one array of
 * document numbers and one of weights); documents added after sealing go to small per-term lists.
 * Document numbers only grow, so every list stays sorted by document.
 */
export class Postings {
  private pendingTerms = new Growable(Int32Array, 1 << 16);
  private pendingDocs = new Growable(Int32Array, 1 << 16);
  private pendingWeights = new Growable(Float32Array, 1 << 16);
  private offsets = new Uint32Array(1);
  private docs = new Int32Array(0);
  private weights = new Float32Array(0);
  private sealed = false;
  private readonly late = new Map<number, { docs: number[]; weights: number[] }>();

  add(term: number, doc: number, weight: number): void {
    if (!this.sealed) {
      this.pendingTerms.push(term);
      this.pendingDocs.push(doc);
      this.pendingWeights.push(weight);
      return;
    }
    let list = this.late.get(term);
    if (!list) this.late.set(term, (list = { docs: [], weights: [] }));
    list.docs.push(doc);
    list.weights.push(weight);
  }

  /** Moves the bulk-added triples into the compact layout (a counting sort by term). */
  seal(termCount: number): void {
    const n = this.pendingTerms.length;
    const terms = this.pendingTerms.array;
    const offsets = new Uint32Array(termCount + 1);
    for (let i = 0; i < n; i++) offsets[terms[i]! + 1]!++;
    for (let t = 0; t < termCount; t++) offsets[t + 1]! += offsets[t]!;
    const cursor = offsets.slice(0, termCount);
    const docs = new Int32Array(n);
    const weights = new Float32Array(n);
    const pendingDocs = this.pendingDocs.array;
    const pendingWeights = this.pendingWeights.array;
    for (let i = 0; i < n; i++) {
      const at = cursor[terms[i]!]!++;
      docs[at] = pendingDocs[i]!;
      weights[at] = pendingWeights[i]!;
    }
    this.offsets = offsets;
    this.docs = docs;
    this.weights = weights;
    this.sealed = true;
    this.pendingTerms = this.pendingDocs = new Growable(Int32Array, 16);
    this.pendingWeights = new Growable(Float32Array, 16);
  }

  /** Number of documents listing the term (dead ones included until the next rebuild). */
  frequency(term: number): number {
    const base = term + 1 < this.offsets.length ? this.offsets[term + 1]! - this.offsets[term]! : 0;
    return base + (this.late.get(term)?.docs.length ?? 0);
  }

  /** Calls `visit` for every (document, weight) of the term, in document order. */
  forEach(term: number, visit: (doc: number, weight: number) => void): void {
    if (term + 1 < this.offsets.length) {
      const end = this.offsets[term + 1]!;
      const docs = this.docs;
      const weights = this.weights;
      for (let i = this.offsets[term]!; i < end; i++) visit(docs[i]!, weights[i]!);
    }
    const list = this.late.get(term);
    if (list) for (let i = 0; i < list.docs.length; i++) visit(list.docs[i]!, list.weights[i]!);
  }

  /** Raw access for the hot loop: the sealed range of a term. */
  range(term: number): { docs: Int32Array; weights: Float32Array; start: number; end: number } {
    if (term + 1 >= this.offsets.length) return { docs: this.docs, weights: this.weights, start: 0, end: 0 };
    return { docs: this.docs, weights: this.weights, start: this.offsets[term]!, end: this.offsets[term + 1]! };
  }

  lateList(term: number): { docs: number[]; weights: number[] } | undefined {
    return this.late.get(term);
  }

  /** Postings added after sealing (a rebuild folds them in). */
  get lateCount(): number {
    let n = 0;
    for (const list of this.late.values()) n += list.docs.length;
    return n;
  }

  /** Bytes held by the typed arrays (for the status report). */
  get bytes(): number {
    return this.offsets.byteLength + this.docs.byteLength + this.weights.byteLength + this.pendingDocs.array.byteLength * 3;
  }
}
