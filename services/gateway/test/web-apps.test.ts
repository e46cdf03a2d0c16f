import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { startPlatform, type TestPlatform } from '@mercato/testing';

const SCRIPT = `console.log(${JSON.stringify('x'.repeat(2000))});`;

/** A built single-page app: its index page and one hashed asset with a Brotli variant. */
async function fakeBuild(dir: string, title: string): Promise<void> {
  await mkdir(join(dir, 'assets'), { recursive: true });
  await writeFile(join(dir, 'index.html'), `<!doctype html><title>${title}</title>`);
  await writeFile(join(dir, 'assets', 'app-1a2b3c.js'), SCRIPT);
  await writeFile(join(dir, 'assets', 'app-1a2b3c.js.br'), brotliCompressSync(SCRIPT));
  await writeFile(join(dir, 'robots.txt'), 'User-agent: *\n');
}

describe('gateway: the web apps (storefront at /, admin at /admin/)', () => {
  let platform: TestPlatform;
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mercato-web-'));
    await fakeBuild(join(dir, 'storefront'), 'Storefront');
    await fakeBuild(join(dir, 'admin'), 'Admin');
    platform = await startPlatform('embedded', { env: { GATEWAY_STOREFRONT_DIR: join(dir, 'storefront'), GATEWAY_ADMIN_DIR: join(dir, 'admin') } });
  });
  after(async () => {
    await platform?.stop();
    await rm(dir, { recursive: true, force: true });
  });
  const get = (path: string, headers: Record<string, string> = {}) => fetch(platform.url + path, { headers, redirect: 'manual' });

  it('answers every client-side route with the app page, revalidated, under a strict content security policy', async () => {
    for (const [path, title] of [['/', 'Storefront'], ['/p/some-hoodie', 'Storefront'], ['/search', 'Storefront'], ['/admin/', 'Admin'], ['/admin/orders/42', 'Admin']]) {
      const response = await get(path!);
      assert.equal(response.status, 200, path);
      assert.match(await response.text(), new RegExp(`<title>${title}</title>`), path);
      assert.match(response.headers.get('content-type')!, /^text\/html/);
      assert.equal(response.headers.get('cache-control'), 'no-cache');
      assert.match(response.headers.get('content-security-policy')!, /script-src 'self'/);
      assert.match(response.headers.get('content-security-policy')!, /frame-ancestors 'none'/);
    }
    const bare = await get('/admin');
    assert.equal(bare.status, 301);
    assert.equal(bare.headers.get('location'), '/admin/');
  });

  it('serves hashed assets as immutable, precompressed when the client accepts it, and 304 on a matching ETag', async () => {
    const compressed = await get('/assets/app-1a2b3c.js', { 'accept-encoding': 'gzip, br' });
    assert.equal(compressed.status, 200);
    assert.equal(compressed.headers.get('content-encoding'), 'br');
    assert.equal(compressed.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.equal(await compressed.text(), SCRIPT); // fetch decodes Brotli
    const plain = await fetch(platform.url + '/admin/assets/app-1a2b3c.js', { headers: { 'accept-encoding': 'identity' } });
    assert.equal(plain.headers.get('content-encoding'), null);
    assert.equal(Number(plain.headers.get('content-length')), SCRIPT.length);
    const again = await get('/admin/assets/app-1a2b3c.js', { 'accept-encoding': 'identity', 'if-none-match': plain.headers.get('etag')! });
    assert.equal(again.status, 304);
    const text = await get('/robots.txt');
    assert.equal(text.headers.get('cache-control'), 'no-cache');
  });

  it('answers a missing file or a path outside the build with 404 problem, and leaves the API to the services', async () => {
    for (const path of ['/assets/missing-123.js', '/favicon.ico', '/..%2f..%2fpackage.json', '/assets/..%2f..%2f..%2fpackage.json']) {
      const response = await get(path);
      assert.equal(response.status, 404, path);
      assert.match(response.headers.get('content-type')!, /^application\/problem\+json/, path);
    }
    const api = await get('/api/catalog/products?limit=1');
    assert.equal(api.status, 200);
    assert.match(api.headers.get('content-type')!, /^application\/json/);
    const health = await get('/health/live');
    assert.equal(health.status, 200);
  });

  it('says so when an app is not built', async () => {
    await rm(join(dir, 'admin', 'index.html'));
    const response = await get('/admin/orders');
    assert.equal(response.status, 503);
    assert.equal((await response.json()).code, 'app-not-built');
  });
});
