import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { databaseUrl, ensureDatabase, freePort, migrate, openDatabase, startEmbeddedPostgres, type PostgresServer } from '@mercato/kit';
import { sql, type Kysely } from 'kysely';
import { migrations as ordersMigrations } from '../../services/orders/migrations/index.ts';
import type { OrderEvent, RecordedEvent } from '../../services/orders/src/domain/events.ts';
import { evolve, SNAPSHOT_SCHEMA } from '../../services/orders/src/domain/evolve.ts';
import type { Order } from '../../services/orders/src/domain/order.ts';
import { loadOrder } from '../../services/orders/src/store/event-store.ts';
import type { OrdersTables } from '../../services/orders/src/store/tables.ts';
import { removeTempDir, tempDir } from '../lib/cleanup.ts';
import { median, round, table } from '../lib/format.ts';
import type { BenchOptions, Scenario } from '../scenario.ts';

/** Loading an order of 10,000 events with snapshots should take at most this long (2 cores). */
export const LOAD_TARGET_MS = 5;
const EVENTS = 10_000;
const SNAPSHOT_EVERY = 100;
const log = (line: string) => console.error(line);

const address = (n: number) => ({ name: `Customer ${n}`, line1: `Street ${n}`, postalCode: '10115', city: 'Berlin', country: 'DE' });

/** An order's stream of `count` events: placed, authorized, then notes and address changes, as a long-lived B2B order collects. */
function stream(id: string, count: number): RecordedEvent[] {
  const start = Date.parse('2026-01-01T00:00:00Z');
  const lines = Array.from({ length: 20 }, (_, i) => ({ sku: `SKU-${i}`, name: `Item ${i}`, quantity: 1 + (i % 3), unitPrice: 1000, lineTotal: 1000 * (1 + (i % 3)), discount: 0, taxAmount: 160 }));
  const grandTotal = lines.reduce((s, l) => s + l.lineTotal, 0) + 495;
  const events: OrderEvent[] = [
    {
      type: 'OrderPlaced',
      data: {
        id, number: 'M-000001', checkoutId: 'chk_bench', accountId: 'acct_bench', email: 'bench@example.com', currency: 'EUR', channel: 'web', taxMode: 'gross',
        lines, discounts: [], coupons: [], totals: { subtotal: grandTotal - 495, discountTotal: 0, taxTotal: 3200, shippingTotal: 495, grandTotal },
        shippingMethod: 'standard', shippingAddress: address(0), billingAddress: address(0), reservationId: 'res_bench', redemptionIds: [],
      },
    },
    { type: 'PaymentAuthorized', data: { intentId: 'pay_bench', amount: grandTotal } },
  ];
  for (let i = events.length; i < count; i++) {
    events.push(i % 4 === 0 ? { type: 'AddressChanged', data: { billingAddress: address(i) } } : { type: 'NoteAdded', data: { text: `Call ${i}: customer asked about delivery slot ${i % 7}`, author: 'acct_staff' } });
  }
  return events.map((e, i) => ({ ...e, version: i + 1, occurredAt: new Date(start + i * 60_000).toISOString(), actor: 'acct_staff' }) as RecordedEvent);
}

/** Writes the stream and the snapshots the service would have written along the way (one every SNAPSHOT_EVERY events). */
async function store(db: Kysely<OrdersTables>, id: string, events: RecordedEvent[]): Promise<void> {
  let state: Order | null = null;
  const snapshots: Order[] = [];
  for (const event of events) {
    state = evolve(state, event);
    if (event.version % SNAPSHOT_EVERY === 0) snapshots.push(state);
  }
  for (let i = 0; i < events.length; i += 2000) {
    const part = events.slice(i, i + 2000);
    await db.insertInto('order_events').values(part.map((e) => ({ order_id: id, version: e.version, type: e.type, data: JSON.stringify(e.data), occurred_at: new Date(e.occurredAt), actor: e.actor }))).execute();
  }
  await db.insertInto('order_snapshots').values(snapshots.map((s) => ({ order_id: id, version: s.version, schema: SNAPSHOT_SCHEMA, state: JSON.stringify(s), occurred_at: new Date(s.updatedAt) }))).execute();
  await sql`analyze`.execute(db);
}

/** Times `samples` loads (after a warm-up) and returns the durations in milliseconds. */
async function time(load: () => Promise<Order | undefined>, samples: number): Promise<number[]> {
  for (let i = 0; i < Math.min(10, samples); i++) await load();
  const durations: number[] = [];
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    const order = await load();
    durations.push(performance.now() - started);
    if (!order) throw new Error('the order did not load');
  }
  return durations;
}

const p = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))]!;

/**
 * Loading one event-sourced order (the first step of every command) from a 10,000-event stream:
 * from the latest snapshot plus the events after it, and by folding every event. Also the worst
 * case for snapshots: 99 events after the latest one.
 */
export const orderLoad: Scenario = {
  name: 'order-load',
  description: `loading an order of ${EVENTS.toLocaleString('en')} events with snapshots (every ${SNAPSHOT_EVERY}) and without`,
  async run(options: BenchOptions) {
    const dir = tempDir('mercato-bench-order-load-');
    let postgres: PostgresServer | undefined;
    try {
      postgres = await startEmbeddedPostgres(join(dir, 'postgres'), await freePort());
      await ensureDatabase(postgres.url, 'mercato_orders');
      const db = openDatabase<OrdersTables>(databaseUrl(postgres.url, 'mercato_orders'), { max: 2 });
      try {
        await migrate(db, ordersMigrations, 'migrations');
        log(`writing two streams of ${EVENTS} and ${EVENTS + SNAPSHOT_EVERY - 1} events with their snapshots…`);
        await store(db, 'ord_even', stream('ord_even', EVENTS));
        await store(db, 'ord_tail', stream('ord_tail', EVENTS + SNAPSHOT_EVERY - 1));
        const full = await loadOrder(db, 'ord_even', { snapshots: false });
        const snap = await loadOrder(db, 'ord_even');
        if (!isDeepStrictEqual(full, snap)) throw new Error('the snapshot-loaded state differs from the full fold');

        const cases = [
          { label: `${EVENTS} events, snapshot at ${EVENTS}`, load: () => loadOrder(db, 'ord_even'), samples: 300 },
          { label: `${EVENTS + SNAPSHOT_EVERY - 1} events, snapshot + ${SNAPSHOT_EVERY - 1} events`, load: () => loadOrder(db, 'ord_tail'), samples: 300 },
          { label: `${EVENTS} events, no snapshot (full fold)`, load: () => loadOrder(db, 'ord_even', { snapshots: false }), samples: 30 },
        ];
        const results = cases.map((c) => ({ ...c, medians: [] as number[], all: [] as number[] }));
        for (let r = 1; r <= options.rounds; r++) {
          log(` round ${r}/${options.rounds}`);
          for (const result of results) {
            const durations = await time(result.load, result.samples);
            result.medians.push(median(durations));
            result.all.push(...durations);
          }
        }
        const rows = results.map((r) => [r.label, round(median(r.medians), 2), round(p(r.all, 0.99), 2), r.all.length]);
        const figures = {
          targetMs: LOAD_TARGET_MS,
          snapshotMedianMs: round(median(results[0]!.medians), 2),
          snapshotTailMedianMs: round(median(results[1]!.medians), 2),
          fullFoldMedianMs: round(median(results[2]!.medians), 2),
          snapshotP99Ms: round(p(results[0]!.all, 0.99), 2),
          fullFoldP99Ms: round(p(results[2]!.all, 0.99), 2),
        };
        const verdict = figures.snapshotTailMedianMs <= LOAD_TARGET_MS ? 'meets' : 'misses';
        return {
          report: `${table(['load', 'median ms', 'p99 ms', 'samples'], rows)}\nwith snapshots ${verdict} the ${LOAD_TARGET_MS} ms target (worst case, median)`,
          figures,
        };
      } finally {
        await db.destroy();
      }
    } finally {
      await postgres?.stop().catch((error: Error) => log(`  stopping PostgreSQL: ${error.message}`));
      removeTempDir(dir);
    }
  },
};
