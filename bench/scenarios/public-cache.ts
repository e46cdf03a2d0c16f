import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { removeTempDir, tempDir } from '../lib/cleanup.ts';
import { median, round, table } from '../lib/format.ts';
import { freePort } from '../lib/ports.ts';
import { measure, warmup, type LoadResult } from '../lib/load.ts';
import { cpuDelta, treeCpu } from '../lib/proc.ts';
import { monotonicMicros, summarizeProfile, type ProfileSummary } from '../lib/profile.ts';
import { spawnServer, startPlatform, type ServerProcess } from '../lib/spawn.ts';
import type { BenchOptions, Scenario } from '../scenario.ts';

/** Throughput of a cached public GET through the gateway relative to bare node:http sending the same bytes. */
export const RATIO_TARGET = 0.6;

const log = (line: string) => console.error(line);

interface Target {
  label: string;
  server: ServerProcess;
  runs: LoadResult[];
  /** Node CPU µs per request of the server's process tree, per run. */
  cpu: number[];
  windows: Array<[number, number]>;
}

/** Public reads a storefront makes most: 50 product details, the category tree, brands, a few searches. */
async function publicPaths(url: string): Promise<string[]> {
  const response = await fetch(`${url}/api/catalog/products?limit=50`);
  if (response.status !== 200) throw new Error(`listing products answered ${response.status}`);
  const { items } = (await response.json()) as { items: Array<{ id: string }> };
  return [
    ...items.map((item) => `/api/catalog/products/${item.id}`),
    '/api/catalog/categories/tree',
    '/api/catalog/brands',
    ...['demo', 'jacket', 'shirt', 'leather', 'modern'].map((q) => `/api/search/products?q=${q}&limit=12`),
  ];
}

/** Fetches every path twice (the second must be a hit) and returns the bodies the cache serves. */
async function cachedBodies(url: string, paths: string[]): Promise<Record<string, string>> {
  const bodies: Record<string, string> = {};
  for (const path of paths) {
    await (await fetch(url + path)).arrayBuffer();
    const response = await fetch(url + path);
    bodies[path] = await response.text();
    if (response.status !== 200 || response.headers.get('x-cache') !== 'hit') {
      throw new Error(`${path}: expected a cached 200, got ${response.status} x-cache=${response.headers.get('x-cache')}`);
    }
  }
  return bodies;
}

/** GET of public catalog/search reads answered by the gateway's response cache vs node:http with the same bytes. */
export const publicCache: Scenario = {
  name: 'public-cache',
  description: 'cached anonymous public GETs through the gateway vs plain node:http sending the same bytes, same load',
  async run(options: BenchOptions) {
    const dir = tempDir('mercato-bench-');
    const servers: ServerProcess[] = [];
    try {
      const profileDir = options.cpuProf;
      if (profileDir) mkdirSync(profileDir, { recursive: true });
      log(`starting the platform (log info, response cache on) in ${dir}…`);
      const platform = await startPlatform({
        dataDir: join(dir, 'platform'),
        logLevel: 'info',
        nodeFlags: profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [],
        // A TTL longer than the run: every measured request is a hit, as it is between catalog changes.
        env: { GATEWAY_CACHE_ENABLED: 'true', GATEWAY_CACHE_TTL_MS: String(3_600_000) },
      });
      servers.push(platform);
      const paths = await publicPaths(platform.url);
      // The seed's events must have passed (answers fetched while they arrive are not stored).
      await new Promise((r) => setTimeout(r, 2000));
      const bodies = await cachedBodies(platform.url, paths);
      const bodiesFile = join(dir, 'bodies.json');
      writeFileSync(bodiesFile, JSON.stringify(bodies));
      const plainPort = await freePort();
      const env: NodeJS.ProcessEnv = { ...process.env };
      delete env.NODE_OPTIONS;
      const plain = await spawnServer({
        args: ['bench/scenarios/public-cache/plain-bytes-server.ts', String(plainPort), bodiesFile],
        port: plainPort,
        env,
        logFile: join(dir, 'plain-bytes-server.log'),
        readyPath: '/health',
      });
      servers.push(plain);
      const meanBytes = round(Object.values(bodies).reduce((n, b) => n + Buffer.byteLength(b), 0) / paths.length);

      const targets: Target[] = [
        { label: 'gateway cache (log info)', server: platform, runs: [], cpu: [], windows: [] },
        { label: 'plain node:http', server: plain, runs: [], cpu: [], windows: [] },
      ];
      for (const target of targets) await warmup(target.server.url, paths, options);
      for (let round_ = 0; round_ < options.rounds; round_++) {
        const order = round_ % 2 === 0 ? targets : [...targets].reverse();
        for (const target of order) {
          await warmup(target.server.url, paths, options);
          const before = treeCpu(target.server.pid);
          const start = monotonicMicros();
          const result = await measure(target.server.url, paths, options);
          target.windows.push([start, monotonicMicros()]);
          const nodeMs = cpuDelta(before, treeCpu(target.server.pid)).get('node') ?? 0;
          target.cpu.push(round((nodeMs * 1000) / Math.max(1, result.requests), 1));
          target.runs.push(result);
          const bad = result.non2xx + result.errors + result.timeouts;
          log(`  round ${round_ + 1}/${options.rounds}  ${target.label.padEnd(26)} ${round(result.rps)} req/s  p50 ${result.p50} ms  p99 ${result.p99} ms${bad > 0 ? `  (!) ${bad} failed` : ''}`);
        }
      }
      // Still hits after the load: nothing expired or was dropped meanwhile.
      const check = await fetch(platform.url + paths[0]!);
      await check.arrayBuffer();
      const stillHit = check.headers.get('x-cache') === 'hit';

      const [gateway, baseline] = targets as [Target, Target];
      const perRound = gateway.runs.map((r, i) => round(r.rps / baseline.runs[i]!.rps, 3));
      const ratio = round(median(perRound), 3);
      let profile: ProfileSummary | undefined;
      if (profileDir) {
        await platform.stop(); // the profile is written when the process exits
        const file = readdirSync(profileDir)
          .filter((f) => f.endsWith('.cpuprofile') && f.includes(`.${platform.pid}.`))
          .map((f) => join(profileDir, f))
          .sort((a, b) => statSync(b).size - statSync(a).size)[0];
        if (file) profile = summarizeProfile(file, gateway.windows);
      }
      const failed = targets.reduce((n, t) => n + t.runs.reduce((m, r) => m + r.non2xx + r.errors + r.timeouts, 0), 0);
      const medians = targets.map((t) => ({
        label: t.label,
        rps: round(median(t.runs.map((r) => r.rps))),
        p50: round(median(t.runs.map((r) => r.p50)), 1),
        p99: round(median(t.runs.map((r) => r.p99)), 1),
        cpu: round(median(t.cpu), 1),
      }));
      const report = [
        `${options.connections} connections, ${options.warmup} s warm-up + ${options.duration} s measured per run, ${options.rounds} rounds (order alternates)`,
        `${paths.length} paths round-robin (50 product details, category tree, brands, 5 searches), mean body ${meanBytes} bytes; every gateway answer a cache hit${stillHit ? '' : ' (!) the last check was not a hit'}`,
        '',
        table(['run', 'round', 'req/s', 'p50 ms', 'p99 ms', 'failed'], targets.flatMap((t) => t.runs.map((r, i) => [t.label, i + 1, round(r.rps), r.p50, r.p99, r.non2xx + r.errors + r.timeouts]))),
        '',
        table(['median', 'req/s', 'p50 ms', 'p99 ms', 'Node CPU µs/req'], medians.map((m) => [m.label, m.rps, m.p50, m.p99, m.cpu])),
        '',
        `ratio gateway cache / plain (median of per-round ratios ${perRound.join(' / ')}): ${ratio} — target ≥ ${RATIO_TARGET}: ${ratio >= RATIO_TARGET ? 'MET' : 'MISSED'}`,
        ...(failed > 0 ? [`(!) ${failed} requests failed: the figures above are not valid`] : []),
        ...(profile ? ['', profileReport(profile)] : []),
      ].join('\n');
      return {
        report,
        figures: {
          settings: { connections: options.connections, duration: options.duration, warmup: options.warmup, rounds: options.rounds },
          paths: paths.length,
          meanBodyBytes: meanBytes,
          medians,
          perRoundRatios: perRound,
          failedRequests: failed,
          stillHit,
          target: { metric: 'median per-round ratio gateway cache / plain', value: ratio, min: RATIO_TARGET, met: ratio >= RATIO_TARGET },
          ...(profile ? { profile } : {}),
        },
      };
    } finally {
      await Promise.all(servers.map((s) => s.stop()));
      removeTempDir(dir);
    }
  },
};

function profileReport(profile: ProfileSummary): string {
  const shares = (list: Array<{ name: string; percent: number }>) => list.map((s) => [s.name, s.percent.toFixed(1)]);
  return [
    `CPU profile of the platform during the measured runs: ${profile.windowMs} ms sampled, main thread busy ${profile.busyPercent} %`,
    '',
    table(['self time by layer', '% of busy'], shares(profile.layers)),
    '',
    table(['self time by frame', '% of busy'], shares(profile.frames)),
  ].join('\n');
}
