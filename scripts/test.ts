/**
 * The whole test suite: one PostgreSQL server (the bundled one) and one RabbitMQ broker for the run,
 * started in parallel; a fresh database and vhost per test file (the harness creates and drops
 * them); test files in parallel.
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { freePort, startEmbeddedPostgres } from '@mercato/kit';
import { startRabbitMq } from '@mercato/kit/runtime/rabbitmq-server.ts';
import { buildApps } from './lib/build-apps.ts';

const root = process.cwd();
const filters = process.argv.slice(2);
const files = ['packages', 'services', 'e2e', 'scripts']
  .flatMap((dir) => findTests(join(root, dir)))
  .map((f) => relative(root, f))
  .filter((f) => filters.length === 0 || filters.some((needle) => f.includes(needle)))
  .sort();

const pgDir = await mkdtemp(join(tmpdir(), 'mercato-test-pg-'));
const mqDir = await mkdtemp(join(tmpdir(), 'mercato-test-mq-'));
const pgPort = await freePort();
const mqPort = await freePort();
// The browser tests (e2e/browser) drive the apps the gateway serves: build them first when any is
// selected (only what changed since the last build).
const needsApps = files.some((f) => f.startsWith(join('e2e', 'browser')));
const [pg, mq, apps] = await Promise.allSettled([startEmbeddedPostgres(pgDir, pgPort), startRabbitMq(mqDir, mqPort), needsApps && buildApps({ quiet: true })]);
let code = 1;
try {
  if (pg.status === 'rejected') throw pg.reason;
  if (apps.status === 'rejected') throw apps.reason;
  // Without a broker the other tests still run; those that need one fail, saying why.
  if (mq.status === 'rejected') console.error(`RabbitMQ did not start, tests that need it will fail: ${(mq.reason as Error).message}`);
  const amqp: Record<string, string> = mq.status === 'fulfilled' ? { MERCATO_TEST_AMQP_URL: mq.value.url, MERCATO_TEST_AMQP_DIR: mqDir } : {};
  code = await run(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=4', ...files], { MERCATO_TEST_PG_URL: pg.value.url, ...amqp });
} catch (err) {
  console.error(err);
} finally {
  await Promise.allSettled([pg.status === 'fulfilled' && pg.value.stop(), mq.status === 'fulfilled' && mq.value.stop()]);
  await Promise.all([rm(pgDir, { recursive: true, force: true }), rm(mqDir, { recursive: true, force: true })]);
}
process.exit(code);

function findTests(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => {
    if (e.name === 'node_modules' || e.name.startsWith('.')) return [];
    const path = join(dir, e.name);
    if (e.isDirectory()) return findTests(path);
    return e.name.endsWith('.test.ts') ? [path] : [];
  });
}

function run(command: string, args: string[], env: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('exit', (status) => resolve(status ?? 1));
  });
}
