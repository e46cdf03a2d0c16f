import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { freePort, waitForHttp } from '@mercato/kit';

const ADMIN_PASSWORD = 'start-test-admin-password';
const children = new Set<ChildProcess>();

/** Runs `npm start`'s script on a data dir and resolves once it prints that it is ready. */
async function start(dataDir: string, port: number, pgPort: number): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts', '--data', dataDir, '--port', String(port)], {
    env: { ...process.env, MERCATO_PG_PORT: String(pgPort), MERCATO_ADMIN_PASSWORD: ADMIN_PASSWORD, MERCATO_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  // Start-up time is measured by `npm run bench -- footprint`; here the suite may be running in parallel.
  await waitForHttp(`http://127.0.0.1:${port}/health/ready`, 60_000, () => child.exitCode === null);
  return { child, output: () => output };
}

async function stop(child: ChildProcess): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  return exited;
}

describe('npm start (embedded)', () => {
  const dirs: string[] = [];
  after(async () => {
    await Promise.all([...children].map((child) => stop(child)));
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  it('seeds a demo shop on an empty data dir, serves docs and products, and keeps data across a restart', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'mercato-start-'));
    dirs.push(dataDir);
    await chmod(dataDir, 0o755); // as root, PostgreSQL runs as its own user and must reach its folder
    const [port, pgPort] = [await freePort(), await freePort()];
    const base = `http://127.0.0.1:${port}`;

    const first = await start(dataDir, port, pgPort);
    assert.match(first.output(), /Admin login: admin@mercato\.local \/ start-test-admin-password/);
    assert.equal((await fetch(`${base}/docs`)).status, 200);
    const page = (await (await fetch(`${base}/api/catalog/products?limit=100`)).json()) as { items: unknown[]; nextCursor: string };
    assert.equal(page.items.length, 100);
    const login = (await (
      await fetch(`${base}/api/identity/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'admin@mercato.local', password: ADMIN_PASSWORD }),
      })
    ).json()) as { access_token: string };
    const created = await fetch(`${base}/api/catalog/products`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${login.access_token}` },
      body: JSON.stringify({ handle: 'survives-restart', name: 'Survivor', status: 'published', variants: [{ sku: 'SURVIVE-1', name: 'Survivor' }] }),
    });
    assert.equal(created.status, 201);
    const { id } = (await created.json()) as { id: string };
    const firstExit = await stop(first.child);
    assert.equal(firstExit, 0, `graceful shutdown exits 0; output:\n${first.output().slice(-3000)}`);

    const second = await start(dataDir, port, pgPort);
    try {
      assert.doesNotMatch(second.output(), /Admin login/, 'no second seeding');
      assert.equal((await fetch(`${base}/api/catalog/products/${id}`)).status, 200);
    } finally {
      assert.equal(await stop(second.child), 0);
    }
  });
});
