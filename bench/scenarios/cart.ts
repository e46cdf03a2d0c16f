import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import autocannon, { type Request } from 'autocannon';
import { removeTempDir, tempDir } from '../lib/cleanup.ts';
import { median, round, table } from '../lib/format.ts';
import { cpuDelta, treeCpu } from '../lib/proc.ts';
import { monotonicMicros, summarizeProfile, type ProfileSummary } from '../lib/profile.ts';
import { startPlatform } from '../lib/spawn.ts';
import type { BenchOptions, Scenario } from '../scenario.ts';
import { call, type Json } from '../lib/http.ts';

/** Cart add-line requests per second the platform should sustain (embedded topology, 2 cores). */
export const RPS_TARGET = 1500;
/** Guest carts the load spreads over (round-robin), and the SKUs of each: 5-line carts. */
const CARTS = 1000;
const LINES_PER_CART = 5;
const SHIPPING = { country: 'DE', method: 'standard' };
const log = (line: string) => console.error(line);

interface Target {
  label: string;
  requests: Array<{ path: string; headers: Record<string, string>; body: string }>;
  runs: Array<{ rps: number; p50: number; p99: number; requests: number; failed: number; loadavg: number }>;
  cpu: Array<Record<string, number>>;
  windows: Array<[number, number]>;
}

/** Prices the demo catalog's SKUs (EUR, gross, 19 %, flat shipping) as the admin, and waits until pricing knows them. */
async function setUpPricing(url: string, token: string): Promise<string[]> {
  const auth = { authorization: `Bearer ${token}` };
  const { items } = await call(url, 'GET', '/api/catalog/products?limit=100');
  const skus: string[] = items.flatMap((p: Json) => p.variants.map((v: Json) => v.sku));
  if (skus.length < 50) throw new Error(`expected the demo catalog's SKUs, got ${skus.length}`);
  await call(url, 'PUT', '/api/pricing/currencies/EUR', { taxMode: 'gross' }, auth);
  await call(url, 'PUT', '/api/pricing/tax-classes/standard', { name: 'Standard', isDefault: true }, auth);
  await call(url, 'PUT', '/api/pricing/tax-zones/eu', { name: 'EU', countries: ['DE', 'FR'] }, auth);
  await call(url, 'PUT', '/api/pricing/tax-rates/eu/standard', { rateBp: 1900 }, auth);
  await call(url, 'PUT', '/api/pricing/shipping-methods/standard', { name: 'Standard', rates: [{ zone: 'eu', currency: 'EUR', kind: 'flat', amount: 495, freeOver: 10_000_000 }] }, auth);
  const list = await call(url, 'POST', '/api/pricing/price-lists', { code: 'base-eur', name: 'Base EUR', kind: 'base', currency: 'EUR' }, auth);
  for (let attempt = 0; ; attempt++) {
    try {
      await call(url, 'PUT', `/api/pricing/price-lists/${list.id}/prices`, { items: skus.map((sku, i) => ({ sku, tiers: [{ minQuantity: 1, amount: 500 + 10 * i }] })) }, auth);
      return skus;
    } catch (error) {
      if (attempt > 50) throw error; // pricing applies the catalog's events in the background at start
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

/** Guest carts (with a shipping destination or not), each with 4 of its 5 SKUs already in it: carts being filled. */
async function openCarts(url: string, skus: string[], count: number, shipping: boolean) {
  const carts: Array<{ id: string; token: string; skus: string[] }> = [];
  let next = 0;
  const opener = async () => {
    for (let i = next++; i < count; i = next++) {
      const cart = await call(url, 'POST', '/api/cart/carts', { currency: 'EUR', ...(shipping ? { shipping: SHIPPING } : {}) });
      const own = Array.from({ length: LINES_PER_CART }, (_, j) => skus[(i * 7 + j * 13) % skus.length]!);
      for (const sku of own.slice(0, LINES_PER_CART - 1)) await call(url, 'POST', `/api/cart/carts/${cart.id}/lines`, { sku, quantity: 1 }, { 'cart-token': cart.token });
      carts.push({ id: cart.id, token: cart.token, skus: own });
    }
  };
  await Promise.all(Array.from({ length: 16 }, opener));
  return carts;
}

async function run(url: string, target: Target, connections: number, duration: number) {
  let next = 0;
  const setupRequest = (request: Request) => ({ ...request, ...target.requests[next++ % target.requests.length]! });
  const result = await autocannon({ url, connections, duration, timeout: 10, requests: [{ method: 'POST', setupRequest }] });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, requests: result.requests.total, failed: result.non2xx + result.errors + result.timeouts };
}

function summary(target: Target) {
  const names = [...new Set(target.cpu.flatMap((c) => Object.keys(c)))];
  return {
    rps: round(median(target.runs.map((r) => r.rps))),
    p50: round(median(target.runs.map((r) => r.p50)), 1),
    p99: round(median(target.runs.map((r) => r.p99)), 1),
    cpuMicrosPerRequest: Object.fromEntries(names.map((name) => [name, round(median(target.cpu.map((c) => c[name] ?? 0)), 1)])),
  };
}

/**
 * Adding a line to a guest cart through the gateway (embedded topology): gateway → cart (read the
 * cart, one quote from pricing for the whole cart, compare-and-set write). Alongside, the same
 * carts' quote asked of pricing directly through the gateway, so that the difference is the cart's
 * own cost.
 */
export const cart: Scenario = {
  name: 'cart',
  description: 'POST /api/cart/carts/:id/lines through the gateway (guest carts of 5 lines, repriced by one quote each), vs the quote alone',
  async run(options: BenchOptions) {
    const dir = tempDir('mercato-bench-cart-');
    process.env.MERCATO_ADMIN_PASSWORD ??= 'bench-admin-password';
    const profileDir = options.cpuProf;
    if (profileDir) mkdirSync(profileDir, { recursive: true });
    // MERCATO_BENCH_CART_LOG=warn measures without the per-request log lines (the default is npm start's info).
    const logLevel = process.env.MERCATO_BENCH_CART_LOG === 'warn' ? 'warn' : 'info';
    log(`starting the platform (log level ${logLevel})…`);
    const platform = await startPlatform({ dataDir: join(dir, 'data'), logLevel, ...(profileDir ? { nodeFlags: ['--cpu-prof', '--cpu-prof-dir', profileDir] } : {}) });
    try {
      const { access_token: token } = await call(platform.url, 'POST', '/api/identity/login', { email: 'admin@mercato.local', password: process.env.MERCATO_ADMIN_PASSWORD });
      const skus = await setUpPricing(platform.url, token);
      log(`opening ${CARTS} guest carts of ${LINES_PER_CART - 1} lines, and ${CARTS / 2} without a shipping destination…`);
      const carts = await openCarts(platform.url, skus, CARTS, true);
      const undestined = await openCarts(platform.url, skus, CARTS / 2, false);
      const json = { 'content-type': 'application/json' };
      const addLine: Target = {
        label: 'cart add-line',
        requests: carts.map((c) => ({ path: `/api/cart/carts/${c.id}/lines`, headers: { ...json, 'cart-token': c.token }, body: JSON.stringify({ sku: c.skus.at(-1)!, quantity: 1 }) })),
        runs: [], cpu: [], windows: [],
      };
      const addLineUndestined: Target = {
        label: 'add-line, no destination',
        requests: undestined.map((c) => ({ path: `/api/cart/carts/${c.id}/lines`, headers: { ...json, 'cart-token': c.token }, body: JSON.stringify({ sku: c.skus.at(-1)!, quantity: 1 }) })),
        runs: [], cpu: [], windows: [],
      };
      const quote: Target = {
        label: 'pricing quote alone',
        requests: carts.map((c) => ({
          path: '/api/pricing/quotes', headers: json,
          body: JSON.stringify({ lines: c.skus.map((sku) => ({ sku, quantity: 2 })), currency: 'EUR', channel: 'web', shipping: SHIPPING }),
        })),
        runs: [], cpu: [], windows: [],
      };
      const targets = [addLine, addLineUndestined, quote];
      for (const target of targets) await run(platform.url, target, options.connections, Math.max(1, options.warmup));
      for (let r = 0; r < options.rounds; r++) {
        for (const target of r % 2 === 0 ? targets : [...targets].reverse()) {
          if (options.warmup > 0) await run(platform.url, target, options.connections, options.warmup);
          const cpuBefore = treeCpu(platform.pid);
          const start = monotonicMicros();
          const result = await run(platform.url, target, options.connections, options.duration);
          target.windows.push([start, monotonicMicros()]);
          const perRequest = (ms: number) => round((ms * 1000) / Math.max(1, result.requests), 1);
          target.cpu.push(Object.fromEntries([...cpuDelta(cpuBefore, treeCpu(platform.pid))].map(([name, ms]) => [name, perRequest(ms)])));
          target.runs.push({ ...result, loadavg: round(loadavg()[0]!, 2) });
          log(`  round ${r + 1}/${options.rounds}  ${target.label.padEnd(20)} ${round(result.rps)} req/s  p50 ${result.p50} ms  p99 ${result.p99} ms  load ${round(loadavg()[0]!, 2)}${result.failed ? `  (!) ${result.failed} failed` : ''}`);
        }
      }

      let profile: ProfileSummary | undefined;
      if (profileDir) {
        await platform.stop();
        const file = readdirSync(profileDir)
          .filter((f) => f.endsWith('.cpuprofile') && f.includes(`.${platform.pid}.`))
          .map((f) => join(profileDir, f))
          .sort((a, b) => statSync(b).size - statSync(a).size)[0];
        if (file) profile = summarizeProfile(file, addLine.windows);
      }

      const medians = new Map(targets.map((t) => [t.label, summary(t)]));
      const headline = medians.get(addLine.label)!;
      const failed = targets.reduce((n, t) => n + t.runs.reduce((m, r) => m + r.failed, 0), 0);
      const cpuNames = [...new Set(targets.flatMap((t) => Object.keys(medians.get(t.label)!.cpuMicrosPerRequest)))];
      const report = [
        `${options.connections} connections, ${options.warmup} s warm-up + ${options.duration} s measured per run, ${options.rounds} rounds (order alternates), log level ${logLevel}`,
        `${CARTS} guest carts round-robin, each with ${LINES_PER_CART} lines and a shipping destination; every add reprices the cart with one quote`,
        `'no destination': ${CARTS / 2} carts without one, repriced by one batch price resolution (no tax, shipping or promotions)`,
        '',
        table(['run', 'round', 'req/s', 'p50 ms', 'p99 ms', 'load avg (1 min)', 'failed'], targets.flatMap((t) => t.runs.map((r, i) => [t.label, i + 1, round(r.rps), r.p50, r.p99, r.loadavg, r.failed]))),
        '',
        table(['median', 'req/s', 'p50 ms', 'p99 ms'], targets.map((t) => { const m = medians.get(t.label)!; return [t.label, m.rps, m.p50, m.p99]; })),
        '',
        'CPU time per request (µs, median of runs; /proc utime+stime):',
        table(['', ...cpuNames], targets.map((t) => [t.label, ...cpuNames.map((n) => medians.get(t.label)!.cpuMicrosPerRequest[n] ?? 0)])),
        '',
        `headline: cart add-line ${headline.rps} req/s — target ≥ ${RPS_TARGET}: ${headline.rps >= RPS_TARGET ? 'MET' : 'MISSED'}`,
        ...(failed > 0 ? [`(!) ${failed} requests failed: the figures above are not valid`] : []),
        ...(profile ? ['', `CPU profile (add-line runs): ${profile.windowMs} ms sampled, main thread busy ${profile.busyPercent} %`, '', table(['self time by layer', '%'], profile.layers.map((s) => [s.name, s.percent.toFixed(1)])), '', table(['self time by area', '%'], profile.areas.map((s) => [s.name, s.percent.toFixed(1)])), '', table(['self time by frame', '%'], profile.frames.map((s) => [s.name, s.percent.toFixed(1)]))] : []),
      ].join('\n');
      return {
        report,
        figures: {
          settings: { logLevel, connections: options.connections, duration: options.duration, warmup: options.warmup, rounds: options.rounds, carts: CARTS, linesPerCart: LINES_PER_CART },
          medians: Object.fromEntries(medians),
          runs: Object.fromEntries(targets.map((t) => [t.label, t.runs])),
          failedRequests: failed,
          target: { metric: 'cart add-line req/s', value: headline.rps, min: RPS_TARGET, met: headline.rps >= RPS_TARGET },
          ...(profile ? { profile } : {}),
        },
      };
    } finally {
      await platform.stop();
      removeTempDir(dir);
    }
  },
};
