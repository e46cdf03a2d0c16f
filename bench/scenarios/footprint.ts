import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { removeTempDir, tempDir } from '../lib/cleanup.ts';
import { median, round, table } from '../lib/format.ts';
import { treeMemory, type ProcessMemory } from '../lib/proc.ts';
import { startPlatform } from '../lib/spawn.ts';
import type { BenchOptions, Scenario } from '../scenario.ts';

/** Idle resident memory of the platform (Node plus its PostgreSQL processes) that should not be exceeded. */
export const RSS_TARGET_MB = 600;
/** Start-to-ready time on an existing data directory that should not be exceeded. */
export const START_TARGET_S = 5;

interface Start {
  kind: 'first' | 'restart';
  readyMs: number;
  /** What scripts/start.ts reports: from its first line (imports done) to ready; undefined if not printed. */
  afterImportsMs: number | undefined;
  stopMs: number;
  cleanStop: boolean;
  rssMb: number;
  pssMb: number;
  processes: ProcessMemory[];
}

const mb = (kb: number) => round(kb / 1024, 1);

/** Groups a process tree by executable name: count, RSS and PSS in MB. */
function byName(processes: ProcessMemory[]): Array<[string, number, number, number]> {
  const groups = new Map<string, ProcessMemory[]>();
  for (const p of processes) groups.set(p.name, [...(groups.get(p.name) ?? []), p]);
  return [...groups.entries()].map(([name, list]) => [
    name,
    list.length,
    mb(list.reduce((n, p) => n + p.rssKb, 0)),
    mb(list.reduce((n, p) => n + p.pssKb, 0)),
  ]);
}

/** One start of the platform on `dataDir`: time to ready, idle memory after settling, stop. */
async function startOnce(dataDir: string, kind: Start['kind'], settleSeconds: number): Promise<Start> {
  const platform = await startPlatform({ dataDir, logLevel: 'info' });
  try {
    await sleep(settleSeconds * 1000);
    const processes = treeMemory(platform.pid);
    const reported = [...readFileSync(platform.logFile, 'utf8').matchAll(/Mercato is ready \(embedded, ([\d.]+) s\)/g)].at(-1);
    const stopStarted = performance.now();
    const cleanStop = await platform.stop();
    return {
      kind,
      readyMs: platform.readyMs,
      afterImportsMs: reported ? Number(reported[1]) * 1000 : undefined,
      stopMs: performance.now() - stopStarted,
      cleanStop,
      rssMb: mb(processes.reduce((n, p) => n + p.rssKb, 0)),
      pssMb: mb(processes.reduce((n, p) => n + p.pssKb, 0)),
      processes,
    };
  } finally {
    await platform.stop();
  }
}

/** Idle memory of the whole process tree and start-to-ready time (first start and restarts). */
export const footprint: Scenario = {
  name: 'footprint',
  description: 'idle RSS of the embedded platform (Node + PostgreSQL processes) and start-to-ready time',
  async run(options: BenchOptions) {
    const dir = tempDir('mercato-footprint-');
    try {
      const starts: Start[] = [];
      for (let i = 0; i <= options.rounds; i++) {
        const start = await startOnce(dir, i === 0 ? 'first' : 'restart', options.settle);
        console.error(
          `  ${start.kind === 'first' ? 'first start (empty data dir)' : `restart ${i}`}: ready in ${round(start.readyMs)} ms ` +
            `(start.ts reports ${start.afterImportsMs ?? '?'} ms after its imports), ` +
            `RSS ${start.rssMb} MB (PSS ${start.pssMb} MB) over ${start.processes.length} processes, stopped in ${round(start.stopMs)} ms` +
            (start.cleanStop ? '' : ' (!) had to SIGKILL'),
        );
        starts.push(start);
      }
      const first = starts[0]!;
      const restarts = starts.slice(1);
      const readyS = round(median(restarts.map((s) => s.readyMs)) / 1000, 2);
      const rssMb = round(median(restarts.map((s) => s.rssMb)), 1);
      const pssMb = round(median(restarts.map((s) => s.pssMb)), 1);
      const typical = [...restarts].sort((a, b) => a.rssMb - b.rssMb)[Math.floor(restarts.length / 2)]!;
      const rssMet = rssMb <= RSS_TARGET_MB;
      const startMet = readyS <= START_TARGET_S;

      const report = [
        `ready = spawn to the first 200 from /health/ready; "after imports" = the time scripts/start.ts prints (from its first line)`,
        `idle memory read ${options.settle} s after ready; RSS = sum of VmRSS over the Node process and its descendants`,
        `(PSS splits shared pages such as PostgreSQL's shared buffers between the processes that map them)`,
        '',
        table(
          ['start', 'ready s', 'of which after imports s', 'RSS MB', 'PSS MB', 'processes', 'stop s'],
          starts.map((s, i) => [
            s.kind === 'first' ? 'first (initdb + migrations + seed)' : `restart ${i}`,
            round(s.readyMs / 1000, 2),
            s.afterImportsMs === undefined ? '?' : round(s.afterImportsMs / 1000, 2),
            s.rssMb,
            s.pssMb,
            s.processes.length,
            round(s.stopMs / 1000, 2),
          ]),
        ),
        '',
        table(['median restart: by process', 'count', 'RSS MB', 'PSS MB'], byName(typical.processes)),
        '',
        `start-to-ready on an existing data dir: median ${readyS} s — target ≤ ${START_TARGET_S} s: ${startMet ? 'MET' : 'MISSED'}`,
        `idle RSS (median of restarts): ${rssMb} MB — target ≤ ${RSS_TARGET_MB} MB: ${rssMet ? 'MET' : 'MISSED'} (first start: ${first.rssMb} MB)`,
      ].join('\n');

      return {
        report,
        figures: {
          firstStartS: round(first.readyMs / 1000, 2),
          firstStartRssMb: first.rssMb,
          restartReadyS: restarts.map((s) => round(s.readyMs / 1000, 2)),
          restartAfterImportsS: restarts.map((s) => (s.afterImportsMs === undefined ? null : round(s.afterImportsMs / 1000, 2))),
          medianRestartReadyS: readyS,
          restartRssMb: restarts.map((s) => s.rssMb),
          medianIdleRssMb: rssMb,
          medianIdlePssMb: pssMb,
          processes: Object.fromEntries(byName(typical.processes).map(([name, count, rss, pss]) => [name, { count, rssMb: rss, pssMb: pss }])),
          targets: {
            idleRss: { valueMb: rssMb, maxMb: RSS_TARGET_MB, met: rssMet },
            restart: { valueS: readyS, maxS: START_TARGET_S, met: startMet },
          },
        },
      };
    } finally {
      removeTempDir(dir);
    }
  },
};
