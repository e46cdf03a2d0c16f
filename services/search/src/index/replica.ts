import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { changesAfter, loadPage, type ChangePosition } from '../store/documents.store.ts';
import { readState } from '../store/generations.store.ts';
import type { DocumentKind, SearchTables } from '../store/tables.ts';
import { applyDocument, type ApplyEffect } from './apply-document.ts';
import { ProductIndex } from './product-index.ts';

export interface ReplicaOptions {
  /** How often the read model is checked for changes. */
  pollMs: number;
  /** Rows read per query while loading or tailing. */
  pageSize: number;
  /** Rebuild when this share of the documents was added after the last build (dead numbers pile up). */
  rebuildRatio: number;
  /** …but never for fewer added documents than this. */
  rebuildMinimum: number;
}

/** Numbers of one load, for the status report and the logs. */
export interface BuildReport {
  generation: number;
  documents: number;
  ms: number;
  finishedAt: string;
}

const LOAD_ORDER: DocumentKind[] = ['attribute', 'brand', 'category', 'product'];

/**
 * This replica's in-memory index of the active read-model generation. It loads the generation at
 * start, then tails its change sequence; when the active generation switches (a reindex finished),
 * or enough of the index was added since it was built, it builds a new index in the background —
 * the current one keeps serving and tailing — and swaps to it once that one has caught up.
 */
export class IndexReplica {
  private current: ProductIndex | undefined;
  private position: ChangePosition = { seq: '0', kind: '', id: '' };
  /** Every change up to this sequence is in the index. */
  private appliedSeq = '0';
  private pending: PendingBuild | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private ticking: Promise<void> = Promise.resolve();
  lastBuild: BuildReport | undefined;
  lastError: string | undefined;

  constructor(
    private readonly db: Kysely<SearchTables>,
    private readonly log: Logger,
    private readonly options: ReplicaOptions,
  ) {}

  /** The index to search, or undefined before the first load finished. */
  get index(): ProductIndex | undefined {
    return this.current;
  }

  get isRebuilding(): boolean {
    return this.pending !== undefined;
  }

  /** The change sequence this replica's index is current with. */
  get currentWith(): string {
    return this.appliedSeq;
  }

  /** Loads the active generation, then starts tailing. */
  async start(): Promise<void> {
    const state = await readState(this.db);
    const built = await this.build(state.activeGeneration);
    this.install(built);
    this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.ticking;
    await this.pending?.promise;
  }

  /** Applies pending changes now (tests and the reindex use it not to wait for the next poll). */
  async refresh(): Promise<void> {
    this.ticking = this.ticking.then(() => this.tick());
    await this.ticking;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.refresh().finally(() => this.schedule());
    }, this.options.pollMs);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    if (this.stopped || !this.current) return;
    try {
      const state = await readState(this.db);
      if (state.activeGeneration !== this.current.generation) this.rebuild(state.activeGeneration, 'generation switched');
      const finished = this.pending?.done ? this.pending : undefined;
      if (finished) {
        this.pending = undefined;
        if (finished.result) {
          await this.catchUp(finished.result.index, finished.result.position);
          this.install(finished.result);
          return;
        }
      }
      if (state.activeGeneration === this.current.generation && state.changeSeq !== this.appliedSeq) {
        const effect = await this.catchUp(this.current, this.position);
        // Sequences are taken in commit order, so everything up to the one read before catching up is in.
        this.appliedSeq = state.changeSeq;
        if (effect.attributesChanged) this.rebuild(this.current.generation, 'attribute definitions changed', true);
      }
      const added = this.current.addedSinceSeal;
      if (added >= Math.max(this.options.rebuildMinimum, this.options.rebuildRatio * this.current.size)) {
        this.rebuild(this.current.generation, `${added} documents added since the last build`);
      }
      this.lastError = undefined;
    } catch (error) {
      this.lastError = (error as Error).message;
      this.log.warn({ err: error }, 'search index refresh failed; retrying');
    }
  }

  /** Starts a background build of `generation` unless one is under way (`again`: restart a running one). */
  private rebuild(generation: number, reason: string, again = false): void {
    if (this.pending && this.pending.generation === generation && !(again && !this.pending.done)) return;
    this.log.info({ generation, reason }, 'building a new search index in the background');
    const pending: PendingBuild = { generation, done: false, promise: Promise.resolve() };
    pending.promise = this.build(generation).then(
      (result) => void Object.assign(pending, { result, done: true }),
      (error) => {
        pending.done = true;
        this.lastError = (error as Error).message;
        this.log.error({ err: error, generation }, 'building the search index failed');
      },
    );
    this.pending = pending;
  }

  /** Applies every change after `position` to `index`, moving `position` along. */
  private async catchUp(index: ProductIndex, position: ChangePosition): Promise<ApplyEffect> {
    const effect: ApplyEffect = { attributesChanged: false };
    for (;;) {
      const rows = await changesAfter(this.db, index.generation, position, this.options.pageSize);
      for (const row of rows) applyDocument(index, row, effect);
      const last = rows.at(-1);
      if (last) Object.assign(position, { seq: String(last.seq), kind: last.kind, id: last.id });
      if (rows.length < this.options.pageSize) return effect;
    }
  }

  /** Reads a whole generation into a new index (page by page, yielding between pages). */
  private async build(generation: number): Promise<Built> {
    const started = performance.now();
    // Changes committed from here on have a higher sequence: catching up from it misses nothing.
    const state = await readState(this.db);
    const index = new ProductIndex(generation);
    const effect: ApplyEffect = { attributesChanged: false };
    for (const kind of LOAD_ORDER) {
      let after = '';
      for (;;) {
        const rows = await loadPage(this.db, generation, kind, after, this.options.pageSize);
        for (const row of rows) applyDocument(index, row, effect);
        if (rows.length < this.options.pageSize) break;
        after = rows.at(-1)!.id;
      }
    }
    index.seal();
    const report = { generation, documents: index.size, ms: Math.round(performance.now() - started), finishedAt: new Date().toISOString() };
    return { index, position: { seq: state.changeSeq, kind: '', id: '' }, report };
  }

  private install(built: Built): void {
    const previous = this.current?.generation;
    this.current = built.index;
    this.position = built.position;
    this.appliedSeq = built.position.seq;
    this.lastBuild = built.report;
    this.log.info({ ...built.report, previousGeneration: previous ?? null }, 'search index ready');
  }
}

interface Built {
  index: ProductIndex;
  position: ChangePosition;
  report: BuildReport;
}

interface PendingBuild {
  generation: number;
  done: boolean;
  result?: Built;
  promise: Promise<void>;
}
