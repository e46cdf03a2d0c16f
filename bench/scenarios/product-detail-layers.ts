import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { removeTempDir, tempDir } from '../lib/cleanup.ts';
import { median, round, table } from '../lib/format.ts';
import { measure, warmup } from '../lib/load.ts';
import { cpuDelta, treeCpu } from '../lib/proc.ts';
import { startLayersServer } from '../lib/spawn.ts';
import type { BenchOptions, Scenario } from '../scenario.ts';

interface Layer {
  label: string;
  url: string;
  paths: string[];
  rps: number[];
  nodeUs: number[];
  postgresUs: number[];
}

const log = (line: string) => console.error(line);

async function ok(url: string): Promise<boolean> {
  try {
    const response = await fetch(url);
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false;
  }
}

/** Splits the product-detail cost: gateway + in-process hop, catalog alone, and each Fastify floor. */
export const productDetailLayers: Scenario = {
  name: 'product-detail-layers',
  description: 'where a product-detail request spends its CPU: each layer loaded alone (log level info)',
  async run(options: BenchOptions) {
    const dir = tempDir('mercato-layers-');
    const server = await startLayersServer(join(dir, 'data')).catch((error: unknown) => {
      removeTempDir(dir);
      throw error;
    });
    try {
      for (let i = 0; i < 100 && !(await ok(`${server.catalogUrl}/health/live`)); i++) await sleep(50);
      const listing = (await (await fetch(`${server.url}/api/catalog/products?limit=50`)).json()) as { items: Array<{ id: string }> };
      const products = listing.items.map((item) => `/api/catalog/products/${item.id}`);
      const layers: Layer[] = [
        { label: 'gateway → catalog → PostgreSQL', url: server.url, paths: products, rps: [], nodeUs: [], postgresUs: [] },
        { label: 'catalog → PostgreSQL (no gateway)', url: server.catalogUrl, paths: products, rps: [], nodeUs: [], postgresUs: [] },
        { label: 'gateway /health/live (no upstream)', url: server.url, paths: ['/health/live'], rps: [], nodeUs: [], postgresUs: [] },
        { label: 'catalog /health/live (no DB)', url: server.catalogUrl, paths: ['/health/live'], rps: [], nodeUs: [], postgresUs: [] },
      ];
      for (const layer of layers) await warmup(layer.url, layer.paths, options);
      for (let r = 0; r < options.rounds; r++) {
        for (const layer of r % 2 === 0 ? layers : [...layers].reverse()) {
          await warmup(layer.url, layer.paths, options);
          const before = treeCpu(server.pid);
          const result = await measure(layer.url, layer.paths, options);
          const spent = cpuDelta(before, treeCpu(server.pid));
          const failed = result.non2xx + result.errors + result.timeouts;
          if (failed > 0) throw new Error(`${layer.label}: ${failed} failed requests`);
          const perRequest = (ms: number | undefined) => ((ms ?? 0) * 1000) / Math.max(1, result.requests);
          layer.rps.push(result.rps);
          layer.nodeUs.push(perRequest(spent.get('node')));
          layer.postgresUs.push(perRequest(spent.get('postgres')));
          log(`  round ${r + 1}/${options.rounds}  ${layer.label.padEnd(36)} ${round(result.rps)} req/s, node ${round(perRequest(spent.get('node')))} µs/request`);
        }
      }
      const m = layers.map((l) => ({ label: l.label, rps: round(median(l.rps)), nodeUs: round(median(l.nodeUs)), postgresUs: round(median(l.postgresUs)) }));
      const [full, catalog, gatewayFloor, catalogFloor] = m as [(typeof m)[0], (typeof m)[0], (typeof m)[0], (typeof m)[0]];
      const derived = {
        gatewayHopUs: full.nodeUs - catalog.nodeUs,
        catalogReadAboveFloorUs: catalog.nodeUs - catalogFloor.nodeUs,
        catalogFloorUs: catalogFloor.nodeUs,
      };
      const report = [
        `${options.connections} connections, ${options.warmup} s warm-up + ${options.duration} s per run, ${options.rounds} rounds; one platform process, log level info`,
        `CPU per request from /proc (utime+stime of the Node process, and of its PostgreSQL processes)`,
        '',
        table(['layer (median)', 'req/s', 'node µs/req', 'postgres µs/req'], m.map((l) => [l.label, l.rps, l.nodeUs, l.postgresUs])),
        '',
        `gateway + in-process hop (row 1 − row 2): ${derived.gatewayHopUs} µs of Node CPU per request`,
        `catalog read above its Fastify floor (row 2 − row 4): ${derived.catalogReadAboveFloorUs} µs (query building, pg client, schema, log line)`,
        `Fastify + kit hooks floor of one service (row 4): ${derived.catalogFloorUs} µs`,
      ].join('\n');
      return { report, figures: { layers: m, derived } };
    } finally {
      await server.stop();
      removeTempDir(dir);
    }
  },
};
