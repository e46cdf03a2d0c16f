import type { Logger } from 'pino';
import { sql } from 'kysely';
import type { Db } from '../store/context.ts';
import { changesAfter, lastChange, prunedThrough, pruneChanges, type LoggedChange } from '../store/changes.store.ts';
import { toPromotion } from '../store/promotions.store.ts';
import { PriceIndex, type IndexedList } from './price-index.ts';

/** How often a replica looks for changes made elsewhere (other replicas, event consumers). */
export const DEFAULT_POLL_MS = 200;
/** Changes older than this are pruned; a replica that many behind reloads in full. */
const RETAIN_CHANGES_MS = 3600_000;
const BATCH = 5_000;

const toMs = (date: Date | null) => (date ? date.getTime() : null);

function toIndexedList(row: {
  id: string; code: string; kind: IndexedList['kind']; currency: string; channel: string | null; group_code: string | null;
  company_id: string | null; customer_id: string | null; priority: number; valid_from: Date | null; valid_to: Date | null; active: boolean;
}): IndexedList {
  return {
    id: row.id, code: row.code, kind: row.kind, currency: row.currency, channel: row.channel, groupCode: row.group_code,
    companyId: row.company_id, customerId: row.customer_id, priority: row.priority, validFrom: toMs(row.valid_from), validTo: toMs(row.valid_to), active: row.active,
  };
}

/**
 * Keeps one replica's PriceIndex in step with the database: a full load at start (one consistent
 * snapshot), then the change log, polled every `pollMs` and right after this replica's own writes.
 */
export class IndexSync {
  index = new PriceIndex();
  private seq = 0;
  private isReady = false;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  readonly ready: Promise<void>;
  private markReady!: () => void;

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
    private readonly pollMs = DEFAULT_POLL_MS,
  ) {
    this.ready = new Promise((resolve) => (this.markReady = resolve));
  }


  get loaded(): boolean {
    return this.isReady;
  }

  async start(): Promise<void> {
    await this.reload();
    this.isReady = true;
    this.markReady();
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  /** Applies every change committed so far (one run at a time; callers share a running one). */
  async catchUp(): Promise<void> {
    if (!this.isReady) return this.ready;
    while (this.running) await this.running;
    this.running = this.apply().finally(() => (this.running = undefined));
    return this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.catchUp()
        .then(() => (Math.random() < 0.01 ? pruneChanges(this.db, RETAIN_CHANGES_MS) : undefined))
        .catch((error) => this.log.warn({ err: error }, 'price index catch-up failed; retrying'))
        .finally(() => this.schedule());
    }, this.pollMs);
    this.timer.unref();
  }

  /** A full load from one snapshot, and the change-log position it corresponds to (also after a bulk load that bypassed the change log). */
  async reload(): Promise<void> {
    const started = performance.now();
    const index = new PriceIndex();
    const seq = await this.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (tx) => {
        const seq = await lastChange(tx);
        for (const c of await tx.selectFrom('currencies').selectAll().execute()) index.currencies.set(c.code, { code: c.code, minorUnits: c.minor_units, taxMode: c.tax_mode });
        for (const row of await tx.selectFrom('price_lists').selectAll().execute()) index.setList(toIndexedList(row));
        const { rows: skus } = await sql<{ sku: string }>`select sku from skus`.execute(tx);
        for (const { sku } of skus) index.setSku(sku, true);
        const { rows: prices } = await sql<{ sku: string; list_id: string; min_quantity: number; amount: number }>`select sku, list_id, min_quantity, amount from prices`.execute(tx);
        for (const p of prices) index.addTier(p.sku, { listId: p.list_id, minQuantity: p.min_quantity, amount: Number(p.amount) });
        for (const c of await tx.selectFrom('customers').selectAll().execute()) {
          index.setCustomer(c.customer_id, { customerId: c.customer_id, accountId: c.account_id, companyId: c.company_id, groups: c.effective_groups });
        }
        for (const row of await tx.selectFrom('promotions').selectAll().execute()) index.promotions.set(row.id, toPromotion(row));
        return seq;
      });
    this.index = index;
    this.seq = seq;
    this.log.info({ prices: index.priceCount, lists: index.lists.size, ms: Math.round(performance.now() - started) }, 'price index loaded');
  }

  private async apply(): Promise<void> {
    for (;;) {
      const changes = await changesAfter(this.db, this.seq, BATCH);
      if (changes.length === 0) {
        if (this.seq < (await prunedThrough(this.db))) await this.reload();
        return;
      }
      await this.applyBatch(changes);
      this.seq = changes.at(-1)!.seq;
      if (changes.length < BATCH) return;
    }
  }

  private async applyBatch(changes: readonly LoggedChange[]): Promise<void> {
    const keys = (kind: LoggedChange['kind']) => [...new Set(changes.filter((c) => c.kind === kind).map((c) => c.key))];
    const index = this.index;

    if (changes.some((c) => c.kind === 'currency')) {
      index.currencies.clear();
      for (const c of await this.db.selectFrom('currencies').selectAll().execute()) index.currencies.set(c.code, { code: c.code, minorUnits: c.minor_units, taxMode: c.tax_mode });
    }
    const listIds = keys('list');
    if (listIds.length > 0) {
      const rows = await this.db.selectFrom('price_lists').selectAll().where('id', 'in', listIds).execute();
      const found = new Set(rows.map((r) => r.id));
      for (const row of rows) index.setList(toIndexedList(row));
      for (const id of listIds) if (!found.has(id)) index.removeList(id);
    }
    const skus = keys('sku');
    if (skus.length > 0) {
      const found = new Set((await this.db.selectFrom('skus').select('sku').where('sku', 'in', skus).execute()).map((r) => r.sku));
      for (const sku of skus) index.setSku(sku, found.has(sku));
    }
    const customerIds = keys('customer');
    if (customerIds.length > 0) {
      const rows = await this.db.selectFrom('customers').selectAll().where('customer_id', 'in', customerIds).execute();
      const byId = new Map(rows.map((c) => [c.customer_id, c]));
      for (const id of customerIds) {
        const c = byId.get(id);
        index.setCustomer(id, c && { customerId: id, accountId: c.account_id, companyId: c.company_id, groups: c.effective_groups });
      }
    }
    const promotionIds = keys('promotion');
    if (promotionIds.length > 0) {
      const rows = await this.db.selectFrom('promotions').selectAll().where('id', 'in', promotionIds).execute();
      for (const id of promotionIds) index.promotions.delete(id);
      for (const row of rows) index.promotions.set(row.id, toPromotion(row));
    }
    const pairs = [...new Map(changes.filter((c) => c.kind === 'price' && index.lists.has(c.listId!)).map((c) => [`${c.listId} ${c.key}`, c])).values()];
    if (pairs.length > 0) {
      const { rows } = await sql<{ sku: string; list_id: string; min_quantity: number; amount: number }>`
        select p.sku, p.list_id, p.min_quantity, p.amount
        from unnest(${pairs.map((p) => p.listId!)}::text[], ${pairs.map((p) => p.key)}::text[]) as c(list_id, sku)
        join prices p on p.sku = c.sku and p.list_id = c.list_id`.execute(this.db);
      const tiers = new Map<string, Array<{ minQuantity: number; amount: number }>>(pairs.map((p) => [`${p.listId} ${p.key}`, []]));
      for (const r of rows) tiers.get(`${r.list_id} ${r.sku}`)!.push({ minQuantity: r.min_quantity, amount: Number(r.amount) });
      for (const p of pairs) index.setTiers(p.key, p.listId!, tiers.get(`${p.listId} ${p.key}`)!);
    }
  }
}

const syncs = new WeakMap<object, IndexSync>();

/** The index of one service instance (keyed by its database handle: one per replica). */
export function indexSyncFor(db: Db, log: Logger, pollMs?: number): IndexSync {
  let sync = syncs.get(db);
  if (!sync) {
    sync = new IndexSync(db, log, pollMs);
    syncs.set(db, sync);
  }
  return sync;
}
