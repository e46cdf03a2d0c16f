import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join, resolve } from 'node:path';
import { loadavg } from 'node:os';
import { databaseUrl, ensureDatabase, freePort, migrate, openDatabase, startEmbeddedPostgres, startRabbitMq, type PostgresServer, type RabbitMqServer } from '@mercato/kit';
import { kitMigrations } from '@mercato/kit/db/kit-migrations.ts';
import { sql, type Kysely } from 'kysely';
import { migrations as searchMigrations } from '../../services/search/migrations/index.ts';
import { generateCatalog, type GeneratedCatalog } from '../catalog/generate.ts';
import { catalogIds, productStates } from '../catalog/product-states.ts';
import { removeTempDir, tempDir } from '../lib/cleanup.ts';
import { median, round, table } from '../lib/format.ts';
import { cpuDelta, treeCpu, treeMemory } from '../lib/proc.ts';
import { ROOT, spawnServer, type ServerProcess } from '../lib/spawn.ts';
import type { BenchOptions, Scenario } from '../scenario.ts';

/** Targets (2 cores, 20 concurrent clients). */
export const TARGETS = { searchP50: 15, searchP95: 50, suggestP95: 10 } as const;
const CLIENTS = 20;
const SEED = 1;
/** Products in the synthetic catalog (≈ 4 SKUs each); override with MERCATO_BENCH_SEARCH_PRODUCTS. */
const PRODUCTS = Number(process.env.MERCATO_BENCH_SEARCH_PRODUCTS ?? 250_000);
const ROWS_PER_INSERT = 1000;

const log = (line: string) => console.error(line);

/** The catalog's reference data and products as the read model's document rows. */
function* documentRows(catalog: GeneratedCatalog): Iterable<Record<string, unknown>> {
  const ids = catalogIds(catalog);
  const bySlug = new Map(catalog.categories.map((c) => [c.slug, c]));
  const path = (slug: string): string[] => {
    const category = bySlug.get(slug)!;
    return [...(category.parent ? path(category.parent) : []), ids.categories.get(slug)!];
  };
  for (const a of catalog.attributes) {
    const data = {
      code: a.code,
      type: a.type,
      label: a.label,
      localized: a.localized ?? false,
      scope: a.scope ?? 'product',
      options: a.options ?? [],
      unit: a.unit ?? null,
      facetable: a.facetable ?? false,
      searchable: a.searchable ?? false,
      version: 1,
    };
    yield { kind: 'attribute', id: a.code, data };
  }
  for (const [slug, id] of ids.brands) yield { kind: 'brand', id, data: { id, slug, name: catalog.brands.find((b) => b.slug === slug)!.name, version: 1 } };
  for (const c of catalog.categories) {
    const id = ids.categories.get(c.slug)!;
    const parentId = c.parent ? ids.categories.get(c.parent)! : null;
    yield { kind: 'category', id, data: { id, slug: c.slug, name: c.name, parentId, path: path(c.slug), position: c.position, version: 1 } };
  }
  for (const p of productStates(catalog)) yield { kind: 'product', id: p.id, data: p, brand_id: p.brandId, category_id: p.categoryId };
}

/** Writes the synthetic catalog straight into the search read model (generation 1), bypassing the catalog. */
async function loadReadModel(db: Kysely<any>, catalog: GeneratedCatalog): Promise<{ rows: number; ms: number }> {
  const started = performance.now();
  let batch: Array<Record<string, unknown>> = [];
  let rows = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const json = JSON.stringify(batch);
    batch = [];
    await sql`
      insert into search_documents (generation, kind, id, seq, event_sequence, deleted, data, brand_id, category_id)
      select 1, kind, id, 0, 1, false, data, brand_id, category_id
      from jsonb_to_recordset(${json}::jsonb) as r(kind text, id text, data jsonb, brand_id text, category_id text)`.execute(db);
  };
  for (const row of documentRows(catalog)) {
    batch.push(row);
    rows++;
    if (batch.length === ROWS_PER_INSERT) await flush();
    if (rows % 50_000 === 0) log(`  loaded ${rows} rows…`);
  }
  await flush();
  await sql`analyze search_documents`.execute(db);
  return { rows, ms: Math.round(performance.now() - started) };
}

/** Typical queries from the catalog's own vocabulary: two words of a product name (qualifier + kind). */
function workloads(catalog: GeneratedCatalog): { search: string[]; suggest: string[] } {
  const search: string[] = [];
  const suggest: string[] = [];
  const step = Math.max(1, Math.floor(catalog.productCount / 400));
  for (let i = 0; i < catalog.productCount; i += step) {
    const words = catalog.product(i).name.toLowerCase().split(/\s+/);
    if (words.length < 3) continue;
    const pair = `${words[1]} ${words.at(-1)}`;
    search.push(`/api/search/products?q=${encodeURIComponent(pair)}&facets=category,brand,color&limit=20`);
    // As typed: the first word whole, the second 1–4 letters in; or the first word 2–5 letters in.
    const cut = (i / step) % 2 === 0 ? `${words[1]} ${words.at(-1)!.slice(0, 1 + ((i / step) % 4))}` : words[1]!.slice(0, 2 + ((i / step) % 4));
    suggest.push(`/api/search/suggest?q=${encodeURIComponent(cut)}&limit=5`);
  }
  return { search, suggest };
}

interface LoadRun {
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  failed: number;
  /** CPU time of the server's Node process per request (µs): steadier than latency on a busy machine. */
  cpuMicros: number;
}

/** Closed loop: `CLIENTS` keep-alive connections, each sending the next path as soon as its answer is in. */
async function closedLoop(base: string, paths: string[], seconds: number): Promise<LoadRun> {
  const url = new URL(base);
  const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
  const latencies: number[] = [];
  let failed = 0;
  let next = 0;
  const deadline = performance.now() + seconds * 1000;
  const once = (path: string) =>
    new Promise<number>((done) => {
      const req = request({ host: url.hostname, port: url.port, path, agent }, (res) => {
        res.resume();
        res.on('end', () => done(res.statusCode ?? 0));
      });
      req.on('error', () => done(0));
      req.end();
    });
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (performance.now() < deadline) {
        const path = paths[next++ % paths.length]!;
        const started = performance.now();
        const status = await once(path);
        latencies.push(performance.now() - started);
        if (status !== 200) failed++;
      }
    }),
  );
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (p: number) => round(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0, 1);
  return { requests: latencies.length, rps: round(latencies.length / seconds), p50: at(0.5), p95: at(0.95), p99: at(0.99), failed, cpuMicros: 0 };
}

interface Target {
  label: string;
  server: ServerProcess;
  /** Where search requests go (the gateway, or the search service itself). */
  url: string;
  runs: { search: LoadRun[]; suggest: LoadRun[] };
  build: { ms: number; documents: number };
  rssMb: number;
  loadavg: number[][];
}

/** The search index's load, as its replica logged it. */
function indexBuild(logFile: string): { ms: number; documents: number } {
  for (const line of readFileSync(logFile, 'utf8').split('\n').reverse()) {
    if (!line.includes('"search index ready"')) continue;
    const entry = JSON.parse(line) as { ms: number; documents: number };
    return { ms: entry.ms, documents: entry.documents };
  }
  return { ms: -1, documents: -1 };
}

async function measureTarget(target: Target, queries: { search: string[]; suggest: string[] }, options: BenchOptions): Promise<void> {
  for (const kind of ['search', 'suggest'] as const) await closedLoop(target.url, queries[kind], Math.max(1, options.warmup));
  for (let r = 0; r < options.rounds; r++) {
    target.loadavg.push(loadavg().map((l) => round(l, 1)));
    for (const kind of ['search', 'suggest'] as const) {
      const cpuBefore = treeCpu(target.server.pid);
      const run = await closedLoop(target.url, queries[kind], options.duration);
      run.cpuMicros = round(((cpuDelta(cpuBefore, treeCpu(target.server.pid)).get('node') ?? 0) * 1000) / Math.max(1, run.requests));
      target.runs[kind].push(run);
      log(`  ${target.label.padEnd(34)} round ${r + 1}/${options.rounds} ${kind.padEnd(7)} ${run.rps} req/s  p50 ${run.p50} ms  p95 ${run.p95} ms  p99 ${run.p99} ms  ${run.cpuMicros} µs CPU/req${run.failed ? `  (!) ${run.failed} failed` : ''}`);
    }
  }
  target.rssMb = round(treeMemory(target.server.pid).filter((p) => p.name === 'node').reduce((n, p) => n + p.rssKb, 0) / 1024);
}

const medianOf = (runs: LoadRun[], key: keyof LoadRun) => round(median(runs.map((r) => r[key])), 1);

/** Search on the synthetic catalog: the service as its own process (PostgreSQL, RabbitMQ), and embedded. */
export const search: Scenario = {
  name: 'search',
  description: `product search and autocomplete on the synthetic catalog (${PRODUCTS.toLocaleString('en')} products), ${CLIENTS} clients, processes and embedded`,
  async run(options: BenchOptions) {
    const dir = tempDir('mercato-bench-search-');
    let postgres: PostgresServer | undefined;
    let rabbit: RabbitMqServer | undefined;
    const servers: ServerProcess[] = [];
    try {
      const [pgPort, mqPort] = [await freePort(), await freePort()];
      log(`starting PostgreSQL and RabbitMQ in ${dir}…`);
      [postgres, rabbit] = await Promise.all([startEmbeddedPostgres(join(dir, 'postgres'), pgPort), startRabbitMq(join(dir, 'rabbitmq'), mqPort)]);
      await ensureDatabase(postgres.url, 'mercato_search');
      const searchDbUrl = databaseUrl(postgres.url, 'mercato_search');
      const db = openDatabase<any>(searchDbUrl, { max: 2 });
      await migrate(db, kitMigrations, 'kit_migrations');
      await migrate(db, searchMigrations, 'migrations');
      const catalog = generateCatalog({ seed: SEED, products: PRODUCTS });
      log(`loading ${PRODUCTS} products into the read model…`);
      const loaded = await loadReadModel(db, catalog);
      const skus = await sql<{ skus: string; published: string }>`
        select sum(jsonb_array_length(data->'variants')) as skus, count(*) filter (where data->>'status' = 'published') as published
        from search_documents where kind = 'product'`.execute(db);
      await db.destroy();
      const { skus: skuCount, published } = skus.rows[0]!;
      log(`  ${loaded.rows} rows in ${loaded.ms} ms (${skuCount} SKUs, ${published} published)`);
      const queries = workloads(catalog);

      const targets: Target[] = [];
      const env: NodeJS.ProcessEnv = { ...process.env, MERCATO_LOG_LEVEL: 'info', GATEWAY_RATE_LIMIT_PER_IP: '1000000000', GATEWAY_RATE_LIMIT_PER_CLIENT: '1000000000', GATEWAY_CACHE_ENABLED: 'false' };
      delete env.NODE_OPTIONS;

      // 1. Processes: the search service alone in its own OS process, over HTTP (what a container runs).
      {
        const port = await freePort();
        const server = await spawnServer({
          args: ['packages/kit/src/runtime/service-process.ts'],
          port,
          env: {
            ...env,
            MERCATO_SERVICE: 'search',
            MERCATO_TOPOLOGY_MODULE: resolve(ROOT, 'bench/search-topology.ts'),
            MERCATO_PORT: String(port),
            MERCATO_DATABASE_URL: searchDbUrl,
            MERCATO_PUBLIC_URL: `http://127.0.0.1:${port}`,
            MERCATO_AMQP_URL: rabbit.url,
            MERCATO_UPSTREAMS: '{}',
          },
          logFile: join(dir, 'search-process.log'),
          readyPath: '/health/ready',
          timeoutMs: 900_000,
        });
        servers.push(server);
        const target: Target = { label: 'processes: search process (HTTP)', server, url: server.url, runs: { search: [], suggest: [] }, build: indexBuild(server.logFile), rssMb: 0, loadavg: [] };
        log(`  search process ready in ${round(server.readyMs)} ms (index of ${target.build.documents} products built in ${target.build.ms} ms)`);
        await measureTarget(target, queries, options);
        targets.push(target);
        await server.stop();
        servers.pop();
      }

      // 2. Embedded: every service in one process; through the gateway, and the search service's own port.
      {
        const [gatewayPort, searchPort] = [await freePort(), await freePort()];
        const server = await spawnServer({
          args: ['bench/search-server.ts', postgres.url, String(gatewayPort), String(searchPort)],
          port: gatewayPort,
          env: { ...env, MERCATO_PG_PORT: String(pgPort) },
          logFile: join(dir, 'search-embedded.log'),
          readyPath: '/health/ready',
          timeoutMs: 900_000,
        });
        servers.push(server);
        const build = indexBuild(server.logFile);
        log(`  embedded platform ready in ${round(server.readyMs)} ms (index built in ${build.ms} ms)`);
        for (const [label, url] of [
          ['embedded: through the gateway', server.url],
          ['embedded: search service port', `http://127.0.0.1:${searchPort}`],
        ] as const) {
          const target: Target = { label, server, url, runs: { search: [], suggest: [] }, build, rssMb: 0, loadavg: [] };
          await measureTarget(target, queries, options);
          targets.push(target);
        }
      }

      const rows = targets.map((t) => [
        t.label,
        medianOf(t.runs.search, 'rps'),
        medianOf(t.runs.search, 'p50'),
        medianOf(t.runs.search, 'p95'),
        medianOf(t.runs.search, 'cpuMicros'),
        medianOf(t.runs.suggest, 'rps'),
        medianOf(t.runs.suggest, 'p50'),
        medianOf(t.runs.suggest, 'p95'),
        medianOf(t.runs.suggest, 'cpuMicros'),
        t.build.ms,
        t.rssMb,
        t.runs.search.reduce((n, r) => n + r.failed, 0) + t.runs.suggest.reduce((n, r) => n + r.failed, 0),
      ]);
      const headline = targets[0]!;
      const verdict = (value: number, limit: number) => `${value} ms (target ≤ ${limit}): ${value <= limit ? 'MET' : 'MISSED'}`;
      const report = [
        `${PRODUCTS.toLocaleString('en')} products, ${Number(skuCount).toLocaleString('en')} SKUs (${Number(published).toLocaleString('en')} published), seed ${SEED}; read model loaded directly in ${round(loaded.ms / 1000, 1)} s`,
        `${CLIENTS} closed-loop clients, ${options.warmup} s warm-up + ${options.duration} s per run, ${options.rounds} rounds; ${queries.search.length} search and ${queries.suggest.length} autocomplete requests round-robin`,
        `search = two words from a product name + facets category, brand, color, 20 hits; autocomplete = a query being typed, 5 completions + 5 products`,
        '',
        table(['median', 'search req/s', 'p50 ms', 'p95 ms', 'CPU µs/req', 'suggest req/s', 'p50 ms', 'p95 ms', 'CPU µs/req', 'index build ms', 'RSS MB', 'failed'], rows),
        '',
        `load average at each round: ${targets.map((t) => `${t.label}: ${t.loadavg.map((l) => l[0]).join(' / ')}`).join('; ')}`,
        `processes: search p50 ${verdict(medianOf(headline.runs.search, 'p50'), TARGETS.searchP50)}; p95 ${verdict(medianOf(headline.runs.search, 'p95'), TARGETS.searchP95)}; autocomplete p95 ${verdict(medianOf(headline.runs.suggest, 'p95'), TARGETS.suggestP95)}`,
      ].join('\n');
      return {
        report,
        figures: {
          products: PRODUCTS,
          skus: Number(skuCount),
          loadMs: loaded.ms,
          targets: Object.fromEntries(
            targets.map((t) => [
              t.label,
              { search: t.runs.search, suggest: t.runs.suggest, indexBuildMs: t.build.ms, rssMb: t.rssMb, loadavg: t.loadavg },
            ]),
          ),
        },
      };
    } finally {
      await Promise.all(servers.map((s) => s.stop()));
      await rabbit?.stop().catch(() => undefined);
      await postgres?.stop().catch(() => undefined);
      removeTempDir(dir);
    }
  },
};
