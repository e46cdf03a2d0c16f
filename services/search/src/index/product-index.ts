import { analyzeProduct, isSearchable, type AnalyzedProduct, type HitRecord, type ProductState } from './analyze-product.ts';
import { Dictionaries } from './dictionaries.ts';
import { Growable } from './growable.ts';
import { Postings } from './postings.ts';
import { TermDictionary } from './terms.ts';

/**
 * The in-memory search index of one generation of the read model. Every published product is a
 * document with a number; a changed product gets a new number and its old one is marked dead (so
 * posting lists only ever grow at the end and stay sorted). Columns per document — category,
 * creation time, facet values — are typed arrays; facet values of all documents share one pool.
 * Searching it lives in `execute-search.ts`.
 */
export class ProductIndex {
  readonly dictionaries = new Dictionaries();
  readonly terms = new TermDictionary();
  readonly postings = new Postings();
  /** Result record per document number; null once the document is dead. */
  readonly records: Array<HitRecord | null> = [];
  readonly nameKeys: string[] = [];
  readonly alive = new Growable(Uint8Array, 1 << 14);
  readonly category = new Growable(Int32Array, 1 << 14);
  readonly created = new Growable(Float64Array, 1 << 14);
  /** Where each document's facet values start in `valuePool` (they end where the next one's start). */
  readonly valueStart = new Growable(Uint32Array, 1 << 14);
  readonly valuePool = new Growable(Uint32Array, 1 << 16);
  /** Facet values: `dimension\0code` → number, and back. */
  private readonly valueIds = new Map<string, number>();
  readonly valueDimension: number[] = [];
  readonly valueCode: string[] = [];
  /** Dimensions (brand, channel, attr:<code>) → number, and their values. */
  readonly dimensionIds = new Map<string, number>();
  readonly dimensionValues: number[][] = [];
  private readonly byProduct = new Map<string, number>();
  private liveDocuments = 0;
  private documentsAtSeal = 0;
  private sealed = false;
  /** Scratch space of the search loop (one query at a time: the event loop is single-threaded). */
  scratch = { mark: new Uint32Array(0), score: new Float32Array(0), stamp: 1 };
  private subtreeCache = new Map<string, Uint8Array>();

  constructor(
    /** The read-model generation this index was built from. */
    readonly generation: number,
  ) {}

  get size(): number {
    return this.liveDocuments;
  }

  get documentCount(): number {
    return this.records.length;
  }

  /** Documents added since the index was sealed (the part a rebuild would compact). */
  get addedSinceSeal(): number {
    return this.sealed ? this.records.length - this.documentsAtSeal : 0;
  }

  /** Dead document numbers still occupying postings. */
  get deadDocuments(): number {
    return this.records.length - this.liveDocuments;
  }

  has(productId: string): boolean {
    return this.byProduct.has(productId);
  }

  record(productId: string): HitRecord | undefined {
    const doc = this.byProduct.get(productId);
    return doc === undefined ? undefined : (this.records[doc] ?? undefined);
  }

  /** Adds or replaces a product; drafts are removed (the public index has published products only). */
  upsert(product: ProductState): void {
    this.remove(product.id);
    if (isSearchable(product)) this.add(analyzeProduct(product, this.dictionaries));
  }

  remove(productId: string): void {
    const doc = this.byProduct.get(productId);
    if (doc === undefined) return;
    this.byProduct.delete(productId);
    this.alive.array[doc] = 0;
    this.records[doc] = null;
    this.liveDocuments--;
  }

  /** Fixes the bulk-loaded part into its compact layout; later additions go to small side lists. */
  seal(): void {
    this.terms.seal();
    this.postings.seal(this.terms.size);
    this.documentsAtSeal = this.records.length;
    this.sealed = true;
  }

  valueId(dimension: string, code: string): number | undefined {
    return this.valueIds.get(`${dimension}\u0000${code}`);
  }

  dimensionId(dimension: string): number | undefined {
    return this.dimensionIds.get(dimension);
  }

  /** The facet values of a document: `valuePool.array[start..end)`. */
  valueRange(doc: number): [number, number] {
    const end = doc + 1 < this.records.length ? this.valueStart.array[doc + 1]! : this.valuePool.length;
    return [this.valueStart.array[doc]!, end];
  }

  /** Category numbers under a category (cached until the categories change). */
  subtree(categoryId: string): Uint8Array {
    let mask = this.subtreeCache.get(categoryId);
    if (!mask || mask.length < this.dictionaries.categoryIds.length) {
      mask = this.dictionaries.subtreeMask(categoryId);
      this.subtreeCache.set(categoryId, mask);
    }
    return mask;
  }

  categoriesChanged(): void {
    this.subtreeCache.clear();
  }

  /** Approximate bytes of the typed arrays (records and strings not included). */
  get typedBytes(): number {
    return (
      this.postings.bytes +
      this.alive.array.byteLength +
      this.category.array.byteLength +
      this.created.array.byteLength +
      this.valueStart.array.byteLength +
      this.valuePool.array.byteLength
    );
  }

  private add(product: AnalyzedProduct): void {
    const doc = this.records.length;
    this.records.push(product.hit);
    this.nameKeys.push(product.nameKey);
    this.byProduct.set(product.hit.id, doc);
    this.liveDocuments++;
    this.alive.push(1);
    this.category.push(product.categoryId ? this.dictionaries.categoryNumber(product.categoryId) : -1);
    this.created.push(product.createdAt);
    this.valueStart.push(this.valuePool.length);
    for (const [dimension, code] of product.values) this.valuePool.push(this.internValue(dimension, code));
    for (const [term, weight] of product.terms) this.postings.add(this.terms.intern(term), doc, weight);
  }

  private internValue(dimension: string, code: string): number {
    const key = `${dimension}\u0000${code}`;
    let id = this.valueIds.get(key);
    if (id !== undefined) return id;
    let dim = this.dimensionIds.get(dimension);
    if (dim === undefined) {
      dim = this.dimensionValues.length;
      this.dimensionIds.set(dimension, dim);
      this.dimensionValues.push([]);
    }
    id = this.valueCode.length;
    this.valueIds.set(key, id);
    this.valueDimension.push(dim);
    this.valueCode.push(code);
    this.dimensionValues[dim]!.push(id);
    return id;
  }
}
