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
  // Ready to serve comes before the launcher's own first-start steps (the demo shop) finish.
  const deadline = Date.now() + 60_000;
  while (!output.includes('Mercato is ready')) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`npm start did not report ready:\n${output.slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
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
    await assertGuestCanPriceACart(base, (page.items[0] as { variants: Array<{ sku: string }> }).variants[0]!.sku);
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

/** The demo shop sells: stock on the shelf, and a guest's cart gets a list price, German VAT and standard shipping. */
async function assertGuestCanPriceACart(base: string, sku: string): Promise<void> {
  const json = async (method: string, path: string, body: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${base}${path}`, { method, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    const text = await response.text();
    assert.ok(response.ok, `${method} ${path}: ${response.status} ${text}`);
    return JSON.parse(text);
  };
  const stock = await (await fetch(`${base}/api/inventory/availability?sku=${encodeURIComponent(sku)}`)).json();
  assert.ok(stock.items[0].available >= 5, `the demo shop opens with stock: ${JSON.stringify(stock)}`);
  const cart = await json('POST', '/api/cart/carts', { currency: 'EUR', shipping: { country: 'DE', method: 'standard' } });
  const priced = await json('POST', `/api/cart/carts/${cart.id}/lines`, { sku, quantity: 2 }, { 'cart-token': cart.token });
  const { subtotal, tax, shipping, grandTotal, complete } = priced.totals;
  assert.ok(subtotal > 0 && subtotal % 2 === 0, `two units at a list price: ${JSON.stringify(priced.totals)}`);
  assert.ok(complete && tax > 0, 'gross prices include VAT for DE');
  assert.equal(grandTotal, subtotal - priced.totals.discounts + shipping, 'gross prices: the tax is contained, not added');
}
