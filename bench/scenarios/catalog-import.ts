import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { generateCatalog } from '../catalog/generate.ts';
import { writeCatalogFiles } from '../catalog/write-files.ts';
import { tempDir } from '../lib/cleanup.ts';
import { median, round, table } from '../lib/format.ts';
import { cpuDelta, treeCpu } from '../lib/proc.ts';
import { monotonicMicros, summarizeProfile, type ProfileSummary } from '../lib/profile.ts';
import { startPlatform } from '../lib/spawn.ts';
import type { BenchOptions, Scenario } from '../scenario.ts';
import type { ImportJob } from '../../services/catalog/src/import/job-view.ts';
import { GatewaySession } from '../../scripts/catalog/gateway-session.ts';
import { catalogCounts } from './catalog-import/outbox.ts';
import { runImportCli, type CliRun } from './catalog-import/run-cli.ts';
import { peakRssMb, Sampler, type Sample } from './catalog-import/sampler.ts';

/** SKUs per second the first import should reach on 2 cores. */
export const SKUS_PER_SECOND_TARGET = 10_000;
/** Peak resident memory of the importing process that should not be exceeded, MiB. */
export const PEAK_RSS_TARGET_MB = 1536;

/** Seconds the outbox drain is watched after the first import (override: MERCATO_BENCH_DRAIN_S). */
const DRAIN_WINDOW_S = Number(process.env.MERCATO_BENCH_DRAIN_S ?? 60);

const log = (text: string) => console.error(`[catalog-import] ${text}`);

/** Runs the CLI import and insists it ended with every row imported. */
async function importFile(url: string, file: string, kind: string, onJob?: (id: string) => void): Promise<CliRun> {
  const run = await runImportCli(url, file, kind, onJob);
  if (run.code !== 0) throw new Error(`import of ${file} exited ${run.code}:\n${run.stdout}\n${run.stderr.slice(-2000)}`);
  return run;
}

/** Reads the job's progress into the sampler until `stop` is set. */
async function followJob(session: GatewaySession, id: string, sampler: Sampler, stop: { done: boolean }): Promise<void> {
  while (!stop.done) {
    const job = await session.json<ImportJob>(`/api/catalog/imports/${id}`).catch(() => undefined);
    if (job) sampler.progress(job.rows.done);
    await sleep(1000);
  }
}

const jobSeconds = (job: ImportJob) => (Date.parse(job.finishedAt!) - Date.parse(job.startedAt!)) / 1000;

/** Every 10th sample (and the last), for the report. */
function sampleRows(samples: Sample[]): Array<Array<string | number>> {
  const picked = samples.filter((_, i) => i % 10 === 0 || i === samples.length - 1);
  return picked.map((s, i) => {
    const previous = picked[i - 1];
    const rate = previous && s.t > previous.t ? (s.rowsDone - previous.rowsDone) / (s.t - previous.t) : 0;
    return [round(s.t), s.rowsDone, round(rate), round(s.nodeRssMb), round(s.pgPssMb)];
  });
}

export const catalogImport: Scenario = {
  name: 'catalog-import',
  description: 'imports ≈1M SKUs (250,000 products, CSV) through the gateway with the CLI, then re-imports the same file',
  async run(options: BenchOptions) {
    const productCount = Number(process.env.MERCATO_BENCH_PRODUCTS ?? 250_000);
    const dir = tempDir('mercato-bench-import-');
    const dataDir = join(dir, 'data');
    log(`generating ${productCount} products into ${dir}…`);
    const generatedAt = performance.now();
    const files = await writeCatalogFiles(generateCatalog({ seed: 1, products: productCount }), 'csv', join(dir, 'files'));
    const generateS = (performance.now() - generatedAt) / 1000;
    const fileMb = statSync(files.products).size / 1e6;

    // The CLI logs in as the admin the platform seeds with this password.
    process.env.MERCATO_ADMIN_PASSWORD ??= 'bench-admin-password';
    const profileDir = options.cpuProf;
    if (profileDir) mkdirSync(profileDir, { recursive: true });
    log('starting the platform…');
    const platform = await startPlatform({ dataDir, logLevel: 'warn', ...(profileDir ? { nodeFlags: ['--cpu-prof', '--cpu-prof-dir', profileDir] } : {}) });
    const session = new GatewaySession(platform.url);
    let figures: Record<string, unknown>;
    let report: string;
    let window: [number, number] | undefined;
    try {
      const categories = await importFile(platform.url, files.categories, 'categories');
      const attributes = await importFile(platform.url, files.attributes, 'attributes');
      const before = await catalogCounts(dataDir);

      log(`importing ${files.skus} SKUs (${round(fileMb)} MB)…`);
      const sampler = new Sampler(platform.pid);
      const stopFollowing = { done: false };
      let following: Promise<void> = Promise.resolve();
      const cpuBefore = treeCpu(platform.pid);
      sampler.start();
      const windowStart = monotonicMicros();
      const first = await importFile(platform.url, files.products, 'products', (id) => (following = followJob(session, id, sampler, stopFollowing)));
      window = [windowStart, monotonicMicros()];
      const cpu = cpuDelta(cpuBefore, treeCpu(platform.pid));
      stopFollowing.done = true;
      await following;
      const samples = sampler.stop();
      const peakDuringImport = peakRssMb(platform.pid);
      const job = await session.json<ImportJob>(`/api/catalog/imports/${first.jobId}`);

      // Search, pricing and inventory apply the events after the job; a full drain can take far
      // longer than the import, so its rate is measured over a window and the rest extrapolated.
      log(`measuring how fast the consumers drain the outbox (${DRAIN_WINDOW_S} s)…`);
      const atJobEnd = await catalogCounts(dataDir);
      const drainStarted = performance.now();
      let counts = atJobEnd;
      while (counts.unpublished > 0 && performance.now() - drainStarted < DRAIN_WINDOW_S * 1000) {
        await sleep(1000);
        counts = await catalogCounts(dataDir);
      }
      const drainS = (performance.now() - drainStarted) / 1000;
      const drainPerS = (atJobEnd.unpublished - counts.unpublished) / drainS;
      const drain = {
        pendingAtJobEnd: atJobEnd.unpublished,
        eventsPerSecond: round(drainPerS, 1),
        pendingAfterWindow: counts.unpublished,
        estimatedRestS: counts.unpublished === 0 ? 0 : drainPerS > 0 ? round(counts.unpublished / drainPerS) : null,
      };
      const peakAfterDrain = peakRssMb(platform.pid);

      const reruns: Array<{ ms: number; jobS: number; created: number; updated: number; unchanged: number; outboxBefore: number; outboxAfter: number }> = [];
      for (let r = 0; r < options.rounds; r++) {
        log(`re-importing the same file (${r + 1}/${options.rounds})…`);
        const outboxBefore = (await catalogCounts(dataDir)).outbox;
        const again = await importFile(platform.url, files.products, 'products');
        const rerun = await session.json<ImportJob>(`/api/catalog/imports/${again.jobId}`);
        const outboxAfter = (await catalogCounts(dataDir)).outbox;
        reruns.push({ ms: again.ms, jobS: jobSeconds(rerun), ...rerun.items, outboxBefore, outboxAfter });
        if (rerun.items.created + rerun.items.updated > 0 || outboxAfter !== outboxBefore) throw new Error(`the re-import changed something: ${JSON.stringify(reruns.at(-1))}`);
      }

      const seconds = jobSeconds(job);
      const pgCpuS = [...cpu].filter(([name]) => name.startsWith('postgres')).reduce((n, [, ms]) => n + ms, 0) / 1000;
      const nodeCpuS = (cpu.get('node') ?? 0) / 1000;
      const peakPgPss = Math.max(...samples.map((s) => s.pgPssMb));
      const peakPgRss = Math.max(...samples.map((s) => s.pgRssMb));
      figures = {
        products: productCount,
        skus: files.skus,
        fileMb: round(fileMb, 1),
        generateS: round(generateS, 1),
        categoriesS: round(categories.ms / 1000, 1),
        attributesS: round(attributes.ms / 1000, 1),
        uploadS: round((first.uploadedMs ?? 0) / 1000, 1),
        importS: round(seconds, 1),
        cliS: round(first.ms / 1000, 1),
        skusPerSecond: round(files.skus / seconds),
        skusPerSecondEndToEnd: round(files.skus / (first.ms / 1000)),
        peakRssMb: round(peakDuringImport),
        peakRssInclDrainWindowMb: round(peakAfterDrain),
        postgresPeakPssMb: round(peakPgPss),
        postgresPeakRssSumMb: round(peakPgRss),
        nodeCpuS: round(nodeCpuS, 1),
        postgresCpuS: round(pgCpuS, 1),
        outboxDrain: drain,
        items: job.items,
        outboxBefore: before.outbox,
        outboxAfter: counts.outbox,
        rerunS: round(median(reruns.map((r) => r.jobS)), 1),
        rerunCliS: round(median(reruns.map((r) => r.ms / 1000)), 1),
        reruns,
        targets: { skusPerSecond: SKUS_PER_SECOND_TARGET, peakRssMb: PEAK_RSS_TARGET_MB },
      };
      report = [
        table(
          ['step', 'value'],
          [
            ['products file', `${productCount} products, ${files.skus} SKUs, ${round(fileMb, 1)} MB (generated in ${round(generateS, 1)} s)`],
            ['categories / attributes import (CLI, s)', `${round(categories.ms / 1000, 1)} / ${round(attributes.ms / 1000, 1)}`],
            ['upload through the gateway (s)', round((first.uploadedMs ?? 0) / 1000, 1)],
            ['import job (s)', round(seconds, 1)],
            [`SKUs/s (job; target ≥ ${SKUS_PER_SECOND_TARGET})`, round(files.skus / seconds)],
            ['SKUs/s end to end (CLI start to exit)', round(files.skus / (first.ms / 1000))],
            [`peak RSS of the platform process, MiB (target ≤ ${PEAK_RSS_TARGET_MB})`, round(peakDuringImport)],
            ['… including the drain window, MiB', round(peakAfterDrain)],
            ['PostgreSQL peak PSS / RSS sum, MiB', `${round(peakPgPss)} / ${round(peakPgRss)}`],
            ['CPU s during the import: node / postgres', `${round(nodeCpuS, 1)} / ${round(pgCpuS, 1)}`],
            [
              'outbox after the job: pending, drain rate, rest',
              `${drain.pendingAtJobEnd} events; ${drain.eventsPerSecond} events/s over ${round(drainS)} s; ${drain.pendingAfterWindow} left (≈ ${drain.estimatedRestS ?? '?'} s more)`,
            ],
            ['items', `${job.items.created} created, ${job.items.updated} updated, ${job.items.unchanged} unchanged, ${job.items.failed} failed`],
            ['outbox rows before / after', `${before.outbox} / ${counts.outbox}`],
            [`re-import, median of ${reruns.length} (job s / CLI s)`, `${figures.rerunS} / ${figures.rerunCliS}`],
            ['re-import changes', reruns.map((r) => `${r.created} created, ${r.updated} updated, outbox ${r.outboxBefore} → ${r.outboxAfter}`).join('; ')],
          ],
        ),
        '',
        table(['t (s)', 'rows done', 'rows/s', 'node RSS MiB', 'pg PSS MiB'], sampleRows(samples)),
      ].join('\n');
    } finally {
      await platform.stop();
    }

    if (profileDir && window) {
      const file = readdirSync(profileDir)
        .filter((f) => f.endsWith('.cpuprofile') && f.includes(`.${platform.pid}.`))
        .map((f) => join(profileDir, f))[0];
      if (file) {
        const profile: ProfileSummary = summarizeProfile(file, [window]);
        figures.profile = profile;
        report += `\n\nCPU profile of the platform during the import (${profile.busyPercent}% busy): top frames\n`;
        report += table(['frame', '% busy'], profile.frames.slice(0, 15).map((f) => [f.name, f.percent]));
        report += `\n\n${table(['area', '% busy'], profile.areas.map((a) => [a.name, a.percent]))}`;
      }
    }
    return { report, figures };
  },
};
