import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { removeTempDir, tempDir } from '../lib/cleanup.ts';
import { median, round, table } from '../lib/format.ts';
import { measure, warmup, type LoadResult } from '../lib/load.ts';
import { cpuDelta, treeCpu } from '../lib/proc.ts';
import { monotonicMicros, summarizeProfile, type ProfileSummary } from '../lib/profile.ts';
import { startPlainServer, startPlatform, type ServerProcess } from '../lib/spawn.ts';
import type { BenchOptions, Scenario } from '../scenario.ts';

/** Throughput of the platform relative to bare node:http that the product-detail read should reach. */
export const RATIO_TARGET = 0.35;

interface Target {
  label: string;
  server: ServerProcess;
  paths: string[];
  bodyBytes: number;
  runs: LoadResult[];
  /** CPU µs per request during each measured run, by process name (`load generator` = this harness). */
  cpu: Array<Record<string, number>>;
  /** Monotonic µs windows of the measured runs (to cut a CPU profile to them). */
  windows: Array<[number, number]>;
}

const log = (line: string) => console.error(line);

/** Ids of the first 50 published products, as a client would list them. */
async function productPaths(url: string): Promise<{ paths: string[]; bodyBytes: number }> {
  const response = await fetch(`${url}/api/catalog/products?limit=50`);
  if (response.status !== 200) throw new Error(`listing products answered ${response.status}`);
  const { items } = (await response.json()) as { items: Array<{ id: string }> };
  if (items.length < 50) throw new Error(`expected 50 seeded products, got ${items.length}`);
  const paths = items.map((item) => `/api/catalog/products/${item.id}`);
  const sample = await fetch(`${url}${paths[0]}`);
  const body = await sample.text();
  if (sample.status !== 200) throw new Error(`product detail answered ${sample.status}: ${body}`);
  return { paths, bodyBytes: Buffer.byteLength(body) };
}

/** A bare baseline answer's size. */
async function plainBodyBytes(url: string): Promise<number> {
  return Buffer.byteLength(await (await fetch(`${url}/api/catalog/products/x`)).text());
}

/** Median figures of one target. */
function summary(target: Target) {
  const names = [...new Set(target.cpu.flatMap((c) => Object.keys(c)))];
  return {
    rps: round(median(target.runs.map((r) => r.rps))),
    p50: round(median(target.runs.map((r) => r.p50)), 1),
    p99: round(median(target.runs.map((r) => r.p99)), 1),
    cpuMicrosPerRequest: Object.fromEntries(names.map((name) => [name, round(median(target.cpu.map((c) => c[name] ?? 0)), 1)])),
  };
}

/** GET /api/catalog/products/:id through the gateway vs a bare node:http server, alternating. */
export const productDetail: Scenario = {
  name: 'product-detail',
  description: 'GET /api/catalog/products/:id through the gateway (uncached) vs plain node:http, same load',
  async run(options: BenchOptions) {
    const dir = tempDir('mercato-bench-');
    const servers: ServerProcess[] = [];
    try {
      const profileDir = options.cpuProf;
      if (profileDir) mkdirSync(profileDir, { recursive: true });
      log(`starting the platform twice (log level info and warn) and the plain server in ${dir}…`);
      const started = await Promise.allSettled([
        startPlatform({ dataDir: join(dir, 'info'), logLevel: 'info', nodeFlags: profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [] }),
        startPlatform({ dataDir: join(dir, 'warn'), logLevel: 'warn' }),
        startPlainServer(dir),
      ]);
      for (const s of started) if (s.status === 'fulfilled') servers.push(s.value);
      const failure = started.find((s) => s.status === 'rejected');
      if (failure) throw failure.reason;
      const [info, warn, plain] = servers as [ServerProcess, ServerProcess, ServerProcess];
      const targets: Target[] = [];
      for (const [label, server] of [
        ['platform (log info)', info],
        ['platform (log warn)', warn],
      ] as const) {
        const { paths, bodyBytes } = await productPaths(server.url);
        targets.push({ label, server, paths, bodyBytes, runs: [], cpu: [], windows: [] });
      }
      const plainTarget: Target = {
        label: 'plain node:http',
        server: plain,
        paths: targets[0]!.paths,
        bodyBytes: await plainBodyBytes(plain.url),
        runs: [],
        cpu: [],
        windows: [],
      };
      targets.push(plainTarget);

      // Prime every target once before the first round, so that round 1 does not pay for JIT warm-up alone.
      for (const target of targets) await warmup(target.server.url, target.paths, options);
      for (let round_ = 0; round_ < options.rounds; round_++) {
        const order = round_ % 2 === 0 ? targets : [...targets].reverse();
        for (const target of order) {
          await warmup(target.server.url, target.paths, options);
          const cpuBefore = treeCpu(target.server.pid);
          const harnessBefore = process.cpuUsage();
          const start = monotonicMicros();
          const result = await measure(target.server.url, target.paths, options);
          target.windows.push([start, monotonicMicros()]);
          const harness = process.cpuUsage(harnessBefore);
          const perRequest = (ms: number) => round((ms * 1000) / Math.max(1, result.requests), 1);
          target.cpu.push({
            ...Object.fromEntries([...cpuDelta(cpuBefore, treeCpu(target.server.pid))].map(([name, ms]) => [name, perRequest(ms)])),
            'load generator': perRequest((harness.user + harness.system) / 1000),
          });
          target.runs.push(result);
          const bad = result.non2xx + result.errors + result.timeouts;
          log(
            `  round ${round_ + 1}/${options.rounds}  ${target.label.padEnd(20)} ${round(result.rps)} req/s  p50 ${result.p50} ms  p99 ${result.p99} ms` +
              (bad > 0 ? `  (!) non-2xx ${result.non2xx}, errors ${result.errors}, timeouts ${result.timeouts}` : ''),
          );
        }
      }

      const medians = new Map(targets.map((t) => [t.label, summary(t)]));
      const plainRps = medians.get(plainTarget.label)!.rps;
      const ratio = (t: Target) => round(medians.get(t.label)!.rps / plainRps, 3);
      const perRound = (t: Target) => t.runs.map((r, i) => round(r.rps / plainTarget.runs[i]!.rps, 3));
      const headline = targets[0]!;
      const headlineRatio = ratio(headline);

      let profile: ProfileSummary | undefined;
      if (profileDir) {
        await info.stop(); // the profile is written when the process exits
        // One file per thread (the tsx loader has its own); the main thread's is by far the largest.
        const file = readdirSync(profileDir)
          .filter((f) => f.endsWith('.cpuprofile') && f.includes(`.${info.pid}.`))
          .map((f) => join(profileDir, f))
          .sort((a, b) => statSync(b).size - statSync(a).size)[0];
        if (file) profile = summarizeProfile(file, headline.windows);
      }

      const rows = targets.flatMap((t) =>
        t.runs.map((r, i) => [t.label, i + 1, round(r.rps), r.p50, r.p99, r.non2xx + r.errors + r.timeouts]),
      );
      const medianRows = targets.map((t) => {
        const m = medians.get(t.label)!;
        return [t.label, m.rps, m.p50, m.p99, t === plainTarget ? '1' : String(ratio(t)), t === plainTarget ? '' : perRound(t).join(' / '), t.bodyBytes];
      });
      const report = [
        `${options.connections} connections, ${options.warmup} s warm-up + ${options.duration} s measured per run, ${options.rounds} rounds (order alternates)`,
        `50 product ids round-robin; platform = gateway → catalog → PostgreSQL, no response cache${profileDir ? '; the info platform ran under --cpu-prof' : ''}`,
        '',
        table(['run', 'round', 'req/s', 'p50 ms', 'p99 ms', 'failed'], rows),
        '',
        table(['median', 'req/s', 'p50 ms', 'p99 ms', 'ratio vs plain', 'per-round ratios', 'body bytes'], medianRows),
        '',
        'CPU time per request (µs, median of runs; /proc utime+stime: steadier than req/s when the machine is busy, not immune):',
        table(['', 'server node', 'postgres', 'load generator'], targets.map((t) => {
          const c = medians.get(t.label)!.cpuMicrosPerRequest;
          return [t.label, c.node ?? 0, c.postgres ?? '-', c['load generator'] ?? 0];
        })),
        '',
        `headline (default log level info): ratio ${headlineRatio} — target ≥ ${RATIO_TARGET}: ${headlineRatio >= RATIO_TARGET ? 'MET' : 'MISSED'}`,
        ...(failedCount(targets) > 0 ? [`(!) ${failedCount(targets)} requests failed (non-2xx, errors or timeouts): the figures above are not valid`] : []),
        ...(profile ? ['', profileReport(profile)] : []),
      ].join('\n');

      return {
        report,
        figures: {
          settings: { connections: options.connections, duration: options.duration, warmup: options.warmup, rounds: options.rounds },
          medians: Object.fromEntries(medians),
          ratio: Object.fromEntries(targets.filter((t) => t !== plainTarget).map((t) => [t.label, ratio(t)])),
          runs: Object.fromEntries(targets.map((t) => [t.label, t.runs.map((r) => ({ rps: round(r.rps), p50: r.p50, p99: r.p99 }))])),
          failedRequests: failedCount(targets),
          target: { metric: 'ratio platform (log info) / plain', value: headlineRatio, min: RATIO_TARGET, met: headlineRatio >= RATIO_TARGET },
          ...(profile ? { profile } : {}),
        },
      };
    } finally {
      await Promise.all(servers.map((s) => s.stop()));
      removeTempDir(dir);
    }
  },
};

function failedCount(targets: Target[]): number {
  return targets.reduce((n, t) => n + t.runs.reduce((m, r) => m + r.non2xx + r.errors + r.timeouts, 0), 0);
}

function profileReport(profile: ProfileSummary): string {
  const shares = (list: Array<{ name: string; percent: number }>) => list.map((s) => [s.name, s.percent.toFixed(1)]);
  return [
    `CPU profile of the platform (log info) during the measured runs: ${profile.windowMs} ms sampled, main thread busy ${profile.busyPercent} %`,
    '',
    table(['self time by layer', '% of busy'], shares(profile.layers)),
    '',
    table(['self time by area', '% of busy'], shares(profile.areas)),
    '',
    table(['self time by frame', '% of busy'], shares(profile.frames)),
  ].join('\n');
}
