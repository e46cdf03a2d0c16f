import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'undici';
import { removeTempDir, tempDir } from '../lib/cleanup.ts';
import { median, round, table } from '../lib/format.ts';
import { cpuDelta, treeCpu } from '../lib/proc.ts';
import { freePort } from '../lib/ports.ts';
import { spawnServer, type ServerProcess } from '../lib/spawn.ts';
import type { BenchOptions, Scenario } from '../scenario.ts';

/** The p99 a 20-line batch resolution should stay under (one caller at a time, 2 cores). */
export const P99_TARGET_MS = 5;
const SKUS = 100_000;
const LINES = 20;
/** Distinct carts sent round-robin (each line a random SKU, some quantities reaching volume tiers). */
const CARTS = 500;
/** Concurrent callers of each run: sequential callers measure latency, more of them throughput. */
const CONCURRENCY = [1, 4, 16] as const;
const log = (line: string) => console.error(line);

interface Run {
  concurrency: number;
  caller: 'buyer' | 'guest';
  requests: number;
  failed: number;
  rps: number;
  p50: number;
  p99: number;
  max: number;
  /** CPU µs per request by process name (node = the service, postgres = its server). */
  cpu: Record<string, number>;
  loadavg: number;
}

function carts(skuCount: number, seed = 42): string[] {
  let state = seed;
  const random = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  return Array.from({ length: CARTS }, () => {
    const skus = new Set<string>();
    while (skus.size < LINES) skus.add(`SKU-${String(1 + Math.floor(random() * skuCount)).padStart(6, '0')}`);
    const items = [...skus].map((sku) => ({ sku, quantity: random() < 0.1 ? 12 : 1 + Math.floor(random() * 3) }));
    return JSON.stringify({ items, currency: 'EUR', channel: 'web' });
  });
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * `concurrency` callers, each sending its next request as soon as the previous answer arrived
 * (closed loop), for `seconds`; latency per request measured with performance.now() (µs precision).
 */
async function load(pool: Pool, bodies: string[], token: string | undefined, concurrency: number, seconds: number) {
  const latencies: number[] = [];
  let failed = 0;
  let next = 0;
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
  const deadline = performance.now() + seconds * 1000;
  const caller = async () => {
    while (performance.now() < deadline) {
      const body = bodies[next++ % bodies.length]!;
      const start = performance.now();
      const response = await pool.request({ method: 'POST', path: '/api/pricing/prices/resolve', headers, body });
      const text = await response.body.text();
      latencies.push(performance.now() - start);
      if (response.statusCode !== 200 || text.includes('"noPrice":"')) failed++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, caller));
  const elapsed = (performance.now() - started) / 1000;
  const sorted = Float64Array.from(latencies).sort();
  return { requests: latencies.length, failed, rps: latencies.length / elapsed, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? 0 };
}

/** Batch price resolution (20 lines) through the pricing service's HTTP route, 100k SKUs × 3 lists. */
export const pricing: Scenario = {
  name: 'pricing',
  description: `POST /api/pricing/prices/resolve, ${LINES}-line carts, ${SKUS / 1000}k SKUs × 3 price lists (base, group, contract), pricing service alone`,
  async run(options: BenchOptions) {
    const dir = tempDir('mercato-bench-pricing-');
    let server: ServerProcess | undefined;
    try {
      const [port, pgPort] = [await freePort(), await freePort()];
      log(`starting the pricing service and seeding ${SKUS} SKUs × 3 lists in ${dir}…`);
      const env: NodeJS.ProcessEnv = { ...process.env, MERCATO_LOG_LEVEL: 'info' };
      delete env.NODE_OPTIONS;
      server = await spawnServer({
        args: ['bench/scenarios/pricing-server.ts', dir, String(port), String(pgPort), String(SKUS)],
        port,
        env,
        logFile: join(dir, 'pricing.log'),
        readyPath: '/health/ready',
      });
      const context = JSON.parse(readFileSync(join(dir, 'context.json'), 'utf8')) as { priceRows: number; buyerToken: string };
      const bodies = carts(SKUS);
      const pool = new Pool(server.url, { connections: Math.max(...CONCURRENCY) });
      const sample = await pool.request({ method: 'POST', path: '/api/pricing/prices/resolve', headers: { 'content-type': 'application/json', authorization: `Bearer ${context.buyerToken}` }, body: bodies[0]! });
      const sampleBody = (await sample.body.json()) as { items: Array<{ source: { kind: string } | null }> };
      if (sample.statusCode !== 200) throw new Error(`resolve answered ${sample.statusCode}: ${JSON.stringify(sampleBody)}`);
      const kinds = [...new Set(sampleBody.items.map((i) => i.source?.kind))].join(', ');

      const runs: Run[] = [];
      for (let r = 0; r < options.rounds; r++) {
        for (const caller of ['buyer', 'guest'] as const) {
          const token = caller === 'buyer' ? context.buyerToken : undefined;
          for (const concurrency of CONCURRENCY) {
            if (options.warmup > 0) await load(pool, bodies, token, concurrency, options.warmup);
            const before = treeCpu(server.pid);
            const result = await load(pool, bodies, token, concurrency, options.duration);
            const cpu = Object.fromEntries([...cpuDelta(before, treeCpu(server.pid))].map(([name, ms]) => [name, round((ms * 1000) / Math.max(1, result.requests), 1)]));
            const run = { concurrency, caller, ...result, cpu, loadavg: round(loadavg()[0]!, 2) };
            runs.push(run);
            log(`  round ${r + 1}/${options.rounds}  ${caller.padEnd(5)} ×${String(concurrency).padEnd(2)}  ${round(run.rps)} req/s  p50 ${round(run.p50, 2)} ms  p99 ${round(run.p99, 2)} ms  (load ${run.loadavg})`);
          }
        }
      }
      await pool.close();

      const groups = [...new Set(runs.map((r) => `${r.caller} ×${r.concurrency}`))].map((key) => {
        const these = runs.filter((r) => `${r.caller} ×${r.concurrency}` === key);
        return {
          key,
          caller: these[0]!.caller,
          concurrency: these[0]!.concurrency,
          rps: round(median(these.map((r) => r.rps))),
          p50: round(median(these.map((r) => r.p50)), 2),
          p99: round(median(these.map((r) => r.p99)), 2),
          failed: these.reduce((n, r) => n + r.failed, 0),
          nodeCpu: round(median(these.map((r) => r.cpu.node ?? 0)), 1),
          pgCpu: round(median(these.map((r) => r.cpu.postgres ?? 0)), 1),
          loadavg: these.map((r) => r.loadavg),
        };
      });
      const headline = groups.find((g) => g.caller === 'buyer' && g.concurrency === 1)!;
      const met = headline.p99 <= P99_TARGET_MS;
      const report = [
        `${SKUS} SKUs, ${context.priceRows} price rows in 3 lists; ${CARTS} distinct ${LINES}-line carts round-robin; buyer = B2B customer whose company has a contract list and whose group has a list (all 3 lists apply); guest = no token`,
        `closed-loop callers (next request when the answer arrived), ${options.warmup} s warm-up + ${options.duration} s measured per run, ${options.rounds} rounds; winners in the first cart: ${kinds}`,
        '',
        table(
          ['median', 'req/s', 'p50 ms', 'p99 ms', 'failed', 'CPU µs/req node', 'CPU µs/req postgres', 'load avg (1 min) per round'],
          groups.map((g) => [g.key, g.rps, g.p50, g.p99, g.failed, g.nodeCpu, g.pgCpu, g.loadavg.join(' / ')]),
        ),
        '',
        `headline (buyer, one caller at a time): p99 ${headline.p99} ms — target ≤ ${P99_TARGET_MS} ms: ${met ? 'MET' : 'MISSED'}`,
        ...(groups.some((g) => g.failed > 0) ? ['(!) some requests failed or priced no SKU: the figures are not valid'] : []),
      ].join('\n');
      return {
        report,
        figures: {
          skus: SKUS,
          priceRows: context.priceRows,
          lines: LINES,
          medians: Object.fromEntries(groups.map((g) => [g.key, { rps: g.rps, p50: g.p50, p99: g.p99, failed: g.failed, cpuMicrosPerRequest: { node: g.nodeCpu, postgres: g.pgCpu }, loadavg: g.loadavg }])),
          target: { metric: 'p99 ms, buyer ×1', value: headline.p99, max: P99_TARGET_MS, met },
        },
      };
    } finally {
      await server?.stop();
      removeTempDir(dir);
    }
  },
};
