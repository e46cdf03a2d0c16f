/** One stored answer (always a 200). */
export interface StoredResponse {
  /** End-to-end headers to send again (per-request ones removed). */
  headers: Record<string, string | string[]>;
  body: Buffer;
  etag: string;
  /** Monotonic ms (performance.now()) when it was stored. */
  storedAt: number;
}

interface Entry extends StoredResponse {
  dependsOn: readonly string[];
  /** The generation of each source in `dependsOn` when stored; an event bumps its source's. */
  generations: number[];
  expiresAt: number;
}

/** The store's bounds. */
export interface StoreLimits {
  maxEntries: number;
  maxBytes: number;
  ttlMs: number;
  settleMs: number;
}

/**
 * The in-memory LRU behind the response cache. Invalidation is O(1) per event: an event bumps its
 * source's generation, and entries stored under an older one are dropped when next looked up (or
 * evicted by LRU meanwhile). Answers fetched shortly after an event are not stored (`settleMs`).
 */
export class ResponseStore {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  private readonly generation = new Map<string, number>();
  private readonly changedAt = new Map<string, number>();
  private clearedAt = -Infinity;

  constructor(
    private readonly limits: StoreLimits,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** The fresh answer stored under `key`, if any (and marks it recently used). */
  get(key: string): StoredResponse | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now() || entry.dependsOn.some((source, i) => this.generationOf(source) !== entry.generations[i])) {
      this.delete(key, entry);
      return undefined;
    }
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  /**
   * Whether an answer whose fetch began at `fetchedFrom` may be stored: none of its sources changed
   * since `settleMs` before that (the read models had time to apply the change it may miss).
   */
  mayStore(dependsOn: readonly string[], fetchedFrom: number): boolean {
    if (fetchedFrom <= this.clearedAt + this.limits.settleMs) return false;
    return dependsOn.every((source) => fetchedFrom > (this.changedAt.get(source) ?? -Infinity) + this.limits.settleMs);
  }

  put(key: string, dependsOn: readonly string[], response: Omit<StoredResponse, 'storedAt'>): void {
    if (response.body.length > this.limits.maxBytes / 64) return;
    const previous = this.entries.get(key);
    if (previous) this.delete(key, previous);
    const storedAt = this.now();
    const entry: Entry = {
      ...response,
      storedAt,
      dependsOn,
      generations: dependsOn.map((source) => this.generationOf(source)),
      expiresAt: storedAt + this.limits.ttlMs,
    };
    this.entries.set(key, entry);
    this.bytes += entry.body.length;
    for (const [oldestKey, oldest] of this.entries) {
      if (this.entries.size <= this.limits.maxEntries && this.bytes <= this.limits.maxBytes) break;
      this.delete(oldestKey, oldest);
    }
  }

  /** Drops every answer built from `source` (an event of it was heard). */
  invalidate(source: string): void {
    this.generation.set(source, this.generationOf(source) + 1);
    this.changedAt.set(source, this.now());
  }

  /** Drops everything (events may have been missed). */
  clear(): void {
    this.entries.clear();
    this.bytes = 0;
    this.clearedAt = this.now();
  }

  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }

  private generationOf(source: string): number {
    return this.generation.get(source) ?? 0;
  }

  private delete(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.bytes -= entry.body.length;
  }
}
