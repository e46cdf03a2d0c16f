import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { removeTempDir, tempDir } from '../lib/cleanup.ts';
import { median, round, table } from '../lib/format.ts';
import { monotonicMicros, summarizeProfile } from '../lib/profile.ts';
import { startPlatform, type ServerProcess } from '../lib/spawn.ts';
import type { BenchOptions, Scenario } from '../scenario.ts';
import { call } from '../lib/http.ts';
import { seedDemoShop } from '../../scripts/demo/shop.ts';

/** Complete checkouts per second and the saga's p99 the platform should reach (2 cores). */
export const TARGETS = { embedded: { rps: 200 }, processes: { rps: 100 }, p99Ms: 250 };
const APPROVE = { number: '4242424242424242', expMonth: 12, expYear: 2030, cvc: '123' };
const SHIPPING = { country: 'DE', method: 'standard' };
const ADDRESS = { name: 'Bench Buyer', line1: 'Hauptstraße 1', postalCode: '10115', city: 'Berlin', country: 'DE' };
const LINES_PER_CART = 2;
const log = (line: string) => console.error(line);

type Topology = 'embedded' | 'processes';
interface Cart {
  id: string;
  token: string;
}
interface Run {
  rps: number;
  p50: number;
  p99: number;
  completed: number;
  failed: number;
  loadavg: number;
}

/** The first start seeds the demo shop (prices, tax, shipping, stock) after readiness: wait for its line. */
async function demoShopReady(platform: ServerProcess): Promise<void> {
  const deadline = Date.now() + 180_000;
  while (!readFileSync(platform.logFile, 'utf8').includes('Mercato is ready')) {
    if (Date.now() > deadline) throw new Error('the demo shop was not set up within 3 minutes');
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The demo catalog's SKUs, each topped up with stock enough for every round (receipts as the admin). */
async function stockedSkus(url: string): Promise<string[]> {
  const { items } = await call(url, 'GET', '/api/catalog/products?limit=100');
  const skus: string[] = items.flatMap((p: any) => p.variants.map((v: any) => v.sku));
  const { access_token: token } = await call(url, 'POST', '/api/identity/login', { email: 'admin@mercato.local', password: process.env.MERCATO_ADMIN_PASSWORD });
  const lines = skus.map((sku) => ({ sku, quantity: 10_000 }));
  await retryWhileUnavailable(() => call(url, 'POST', '/api/inventory/receipts', { warehouse: 'MAIN', reason: 'bench stock', lines }, { authorization: `Bearer ${token}` }));
  return skus;
}

/** Right after a start, a caller's breaker may still be open from its upstream's own start (503): wait it out. */
async function retryWhileUnavailable<T>(request: () => Promise<T>, deadlineMs = 60_000): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    try {
      return await request();
    } catch (error) {
      // 503: a breaker still open; 422 sku-not-in-catalog: inventory still learning the catalog's SKUs.
      if (!/answered 503|sku-not-in-catalog/.test((error as Error).message) || Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

/** Guest carts with a shipping destination and two lines each, ready to check out. */
async function openCarts(url: string, skus: string[], count: number, offset: number): Promise<Cart[]> {
  const carts: Cart[] = [];
  let next = 0;
  const opener = async () => {
    for (let i = next++; i < count; i = next++) {
      const cart = await retryWhileUnavailable(() => call(url, 'POST', '/api/cart/carts', { currency: 'EUR', shipping: SHIPPING }));
      for (let j = 0; j < LINES_PER_CART; j++) {
        const sku = skus[((offset + i) * 7 + j * 13) % skus.length]!;
        await call(url, 'POST', `/api/cart/carts/${cart.id}/lines`, { sku, quantity: 1 }, { 'cart-token': cart.token });
      }
      carts.push({ id: cart.id, token: cart.token });
    }
  };
  await Promise.all(Array.from({ length: 16 }, opener));
  return carts;
}

/** `connections` buyers check out one cart after another (closed loop); each POST is the whole saga. */
async function checkOut(url: string, carts: Cart[], connections: number): Promise<Run> {
  const latencies: number[] = [];
  let failed = 0;
  let next = 0;
  const started = performance.now();
  const buyer = async () => {
    for (let i = next++; i < carts.length; i = next++) {
      const cart = carts[i]!;
      const t0 = performance.now();
      const response = await fetch(`${url}/api/checkout/checkouts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'cart-token': cart.token, 'idempotency-key': `bench-${cart.id}` },
        body: JSON.stringify({ cartId: cart.id, email: 'buyer@example.com', shippingAddress: ADDRESS, payment: { card: APPROVE } }),
      });
      const body = await response.json().catch(() => ({}));
      if (response.status === 201 && body.status === 'completed') latencies.push(performance.now() - t0);
      else if (failed++ < 3) log(`  (!) checkout answered ${response.status}: ${JSON.stringify(body).slice(0, 300)}`);
    }
  };
  await Promise.all(Array.from({ length: connections }, buyer));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0, 1);
  return { rps: round(latencies.length / seconds), p50: at(0.5), p99: at(0.99), completed: latencies.length, failed, loadavg: round(loadavg()[0]!, 2) };
}

async function measure(topology: Topology, options: BenchOptions, checkouts: number, connections: number, logLevel: 'info' | 'warn') {
  const dir = tempDir(`mercato-bench-checkout-${topology}-`);
  log(`starting the platform (${topology}, log level ${logLevel})…`);
  const profileDir = topology === 'embedded' ? options.cpuProf : undefined;
  if (profileDir) mkdirSync(profileDir, { recursive: true });
  const platform = await startPlatform({ dataDir: join(dir, 'data'), logLevel, topology, ...(profileDir ? { nodeFlags: ['--cpu-prof', '--cpu-prof-dir', profileDir] } : {}) });
  const windows: Array<[number, number]> = [];
  try {
    // The processes launcher does not run the first-start demo shop (prices, tax, shipping): set it up here.
    if (topology === 'processes') await seedDemoShop(platform.url, { email: 'admin@mercato.local', password: process.env.MERCATO_ADMIN_PASSWORD! });
    else await demoShopReady(platform);
    const skus = await stockedSkus(platform.url);
    const runs: Run[] = [];
    for (let r = 0; r <= options.rounds; r++) {
      const count = r === 0 ? Math.max(50, Math.round(checkouts / 5)) : checkouts;
      log(`  opening ${count} guest carts of ${LINES_PER_CART} lines…`);
      const carts = await openCarts(platform.url, skus, count, r * checkouts);
      const start = monotonicMicros();
      const result = await checkOut(platform.url, carts, connections);
      if (r > 0) windows.push([start, monotonicMicros()]);
      log(`  ${r === 0 ? 'warm-up' : `round ${r}/${options.rounds}`}  ${result.rps} checkouts/s  p50 ${result.p50} ms  p99 ${result.p99} ms  load ${result.loadavg}${result.failed ? `  (!) ${result.failed} failed` : ''}`);
      if (r > 0) runs.push(result);
    }
    if (profileDir) {
      await platform.stop();
      const file = readdirSync(profileDir)
        .filter((f) => f.endsWith('.cpuprofile') && f.includes(`.${platform.pid}.`))
        .map((f) => join(profileDir, f))
        .sort((a, b) => statSync(b).size - statSync(a).size)[0];
      if (file) {
        const profile = summarizeProfile(file, windows);
        log(`CPU profile: main thread busy ${profile.busyPercent} %`);
        log(table(['self time by area', '%'], profile.areas.map((a) => [a.name, a.percent.toFixed(1)])));
        log(table(['self time by frame', '%'], profile.frames.slice(0, 25).map((f) => [f.name, f.percent.toFixed(1)])));
      }
    }
    return runs;
  } finally {
    await platform.stop();
    removeTempDir(dir);
  }
}

/**
 * Guest checkouts through the gateway, one POST per cart running the whole saga (lock the cart,
 * reserve stock, final quote, authorize with the test provider's approve card, place the order,
 * commit), on the embedded and the processes topology. Carts are filled before each round.
 */
export const checkout: Scenario = {
  name: 'checkout',
  description: 'POST /api/checkout/checkouts (the whole saga) with the approve card: checkouts/s, p50/p99, embedded and processes',
  async run(options: BenchOptions) {
    process.env.MERCATO_ADMIN_PASSWORD ??= 'bench-admin-password';
    const logLevel = process.env.MERCATO_BENCH_CHECKOUT_LOG === 'warn' ? 'warn' : 'info';
    const connections = Math.min(options.connections, Number(process.env.MERCATO_BENCH_CHECKOUT_CONNECTIONS ?? 32));
    const checkouts = Number(process.env.MERCATO_BENCH_CHECKOUTS ?? 1000);
    const topologies = (process.env.MERCATO_BENCH_CHECKOUT_TOPOLOGIES ?? 'embedded,processes').split(',') as Topology[];
    const results: Partial<Record<Topology, Run[]>> = {};
    for (const topology of topologies) results[topology] = await measure(topology, options, checkouts, connections, logLevel);

    const medians = Object.fromEntries(
      Object.entries(results).map(([topology, runs]) => [topology, { rps: median(runs.map((r) => r.rps)), p50: median(runs.map((r) => r.p50)), p99: median(runs.map((r) => r.p99)) }]),
    ) as Record<Topology, { rps: number; p50: number; p99: number }>;
    const verdicts = Object.entries(medians).map(([topology, m]) => {
      const min = TARGETS[topology as Topology].rps;
      return `${topology}: ${m.rps} checkouts/s (target ≥ ${min}: ${m.rps >= min ? 'MET' : 'MISSED'}), p99 ${m.p99} ms (target ≤ ${TARGETS.p99Ms}: ${m.p99 <= TARGETS.p99Ms ? 'MET' : 'MISSED'})`;
    });
    const failed = Object.values(results).flat().reduce((n, r) => n + r.failed, 0);
    const report = [
      `${connections} concurrent buyers, ${checkouts} guest checkouts per round (${LINES_PER_CART} lines each, approve card), ${options.rounds} rounds after a warm-up, log level ${logLevel}`,
      '',
      table(['topology', 'round', 'checkouts/s', 'p50 ms', 'p99 ms', 'load avg (1 min)', 'failed'], Object.entries(results).flatMap(([t, runs]) => runs.map((r, i) => [t, i + 1, r.rps, r.p50, r.p99, r.loadavg, r.failed]))),
      '',
      table(['median', 'checkouts/s', 'p50 ms', 'p99 ms'], Object.entries(medians).map(([t, m]) => [t, m.rps, m.p50, m.p99])),
      '',
      ...verdicts.map((v) => `headline: ${v}`),
      ...(failed > 0 ? [`(!) ${failed} checkouts failed: the figures above are not valid`] : []),
    ].join('\n');
    return { report, figures: { settings: { connections, checkouts, rounds: options.rounds, logLevel }, medians, runs: results, failedCheckouts: failed } };
  },
};
