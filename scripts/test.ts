/**
 * The whole test suite: one PostgreSQL server for the run (the bundled one), a fresh database per
 * test file (the harness creates and drops them), test files in parallel.
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { freePort, startEmbeddedPostgres } from '@mercato/kit';

const root = process.cwd();
const filters = process.argv.slice(2);
const files = ['packages', 'services', 'e2e', 'scripts']
  .flatMap((dir) => findTests(join(root, dir)))
  .map((f) => relative(root, f))
  .filter((f) => filters.length === 0 || filters.some((needle) => f.includes(needle)))
  .sort();

const dataDir = await mkdtemp(join(tmpdir(), 'mercato-test-pg-'));
const server = await startEmbeddedPostgres(dataDir, await freePort());
let code = 1;
try {
  code = await run(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=4', ...files], { MERCATO_TEST_PG_URL: server.url });
} finally {
  await server.stop();
  await rm(dataDir, { recursive: true, force: true });
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
