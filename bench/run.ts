/**
 * `npm run bench -- [scenario…] [--duration s] [--connections n] [--warmup s] [--rounds n]
 * [--settle s] [--cpu-prof dir]`: runs the named scenarios (all of them when none is named), prints
 * a table per scenario and, last, one JSON line with every figure.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { cleanupAll, installCleanupHandlers } from './lib/cleanup.ts';
import type { BenchOptions, Scenario } from './scenario.ts';
import { catalogImport } from './scenarios/catalog-import.ts';
import { events } from './scenarios/events.ts';
import { footprint } from './scenarios/footprint.ts';
import { productDetailLayers } from './scenarios/product-detail-layers.ts';
import { productDetail } from './scenarios/product-detail.ts';
import { search } from './scenarios/search.ts';
import { pricing } from './scenarios/pricing.ts';
import { cart } from './scenarios/cart.ts';
import { orderLoad } from './scenarios/order-load.ts';
import { checkout } from './scenarios/checkout.ts';
import { storefront } from './scenarios/storefront.ts';
import { publicCache } from './scenarios/public-cache.ts';

/** Every scenario, in the order `npm run bench` runs them. */
export const scenarios: Scenario[] = [productDetail, productDetailLayers, footprint, events, pricing, catalogImport, search, cart, checkout, orderLoad, publicCache, storefront];

/** Machine facts printed with the results (the numbers mean little without them). */
export function machine() {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  return {
    node: process.version,
    nproc: availableParallelism(),
    cpu: /^model name\s*:\s*(.*)$/m.exec(cpuinfo)?.[1] ?? 'unknown',
    loadavg: loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

function positive(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a non-negative number, got ${value}`);
  return n;
}

/** Parses the command line into scenarios to run and their options. */
export function parseCommandLine(argv: string[]): { selected: Scenario[]; options: BenchOptions } {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      duration: { type: 'string' },
      connections: { type: 'string' },
      warmup: { type: 'string' },
      rounds: { type: 'string' },
      settle: { type: 'string' },
      'cpu-prof': { type: 'string' },
    },
  });
  const selected = positionals.length === 0 ? scenarios : positionals.map((name) => {
    const found = scenarios.find((s) => s.name === name);
    if (!found) throw new Error(`unknown scenario ${name}; known: ${scenarios.map((s) => s.name).join(', ')}`);
    return found;
  });
  const options: BenchOptions = {
    duration: positive('duration', values.duration, 10),
    connections: positive('connections', values.connections, 100),
    warmup: positive('warmup', values.warmup, 3),
    rounds: Math.max(1, Math.round(positive('rounds', values.rounds, 3))),
    settle: positive('settle', values.settle, 5),
    cpuProf: values['cpu-prof'],
  };
  return { selected, options };
}

async function main(): Promise<void> {
  const { selected, options } = parseCommandLine(process.argv.slice(2));
  installCleanupHandlers();
  const before = machine();
  console.log(`Mercato benchmarks — Node ${before.node}, ${before.nproc} CPUs (${before.cpu}), load average ${before.loadavg.join(' ')}`);
  const results: Record<string, unknown> = {};
  let failed = false;
  try {
    for (const scenario of selected) {
      console.log(`\n== ${scenario.name}: ${scenario.description}`);
      try {
        const { report, figures } = await scenario.run(options);
        console.log(report);
        results[scenario.name] = figures;
      } catch (error) {
        failed = true;
        console.error(`${scenario.name} failed: ${(error as Error).stack ?? error}`);
        results[scenario.name] = { error: (error as Error).message };
      }
    }
  } finally {
    await cleanupAll();
  }
  const after = machine();
  console.log(`\nload average after: ${after.loadavg.join(' ')}`);
  console.log(JSON.stringify({ machine: { ...before, loadavgAfter: after.loadavg }, options, results }));
  if (failed) process.exitCode = 1;
}

await main();
