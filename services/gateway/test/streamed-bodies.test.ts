import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { ADMIN, login, startPlatform, type TestPlatform, type TopologyKind } from '@mercato/testing';

const MiB = 1024 * 1024;
/** An unknown column: the import job fails at once, the upload itself is what is tested. */
const HEADER = 'handle,name,sku,padding\n';
const ROW = `p,Product,SKU,${'x'.repeat(1000)}\n`;

/** CSV bytes as they are produced; `gate` (when given) holds the rest of the body back after `gateAfter` bytes. */
async function* csvBody(bytes: number, gate?: { after: number; open: Promise<void> }): AsyncGenerator<Buffer> {
  yield Buffer.from(HEADER);
  const chunk = Buffer.from(ROW.repeat(64));
  let sent = HEADER.length;
  while (sent < bytes) {
    if (gate && sent >= gate.after) {
      await gate.open;
      gate = undefined;
    }
    yield chunk;
    sent += chunk.length;
  }
}

function upload(base: string, token: string, body: AsyncIterable<Buffer>): Promise<Response> {
  return fetch(`${base}/api/catalog/imports?kind=products`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
    body: body as unknown as BodyInit,
    duplex: 'half',
  } as RequestInit);
}

/** Bytes of the upload files the catalog is writing. */
async function bytesOnDisk(dir: string): Promise<number> {
  let total = 0;
  for (const name of await readdir(dir).catch(() => [])) total += (await stat(join(dir, name)).catch(() => ({ size: 0 }))).size;
  return total;
}

for (const kind of ['embedded', 'processes'] as TopologyKind[]) {
  describe(`gateway: streamed uploads and downloads (${kind})`, () => {
    let platform: TestPlatform;
    let token: string;
    let uploadDir: string;
    before(async () => {
      uploadDir = await mkdtemp(join(tmpdir(), 'mercato-gateway-upload-'));
      platform = await startPlatform(kind, { seed: true, env: { CATALOG_IMPORT_DIR: uploadDir, GATEWAY_UPLOAD_LIMIT: String(32 * MiB) } });
      token = await login(platform.url, ADMIN.email, ADMIN.password);
    });
    after(async () => {
      await platform?.stop();
      await rm(uploadDir, { recursive: true, force: true });
    });

    it('passes a 20 MB CSV (20x the JSON body limit) to the service while it is still being sent', async () => {
      let open!: () => void;
      const gate = { after: 4 * MiB, open: new Promise<void>((resolve) => (open = resolve)) };
      const answer = upload(platform.url, token, csvBody(20 * MiB, gate));
      // The first megabytes reach the catalog's disk before the client sends the rest: nothing buffers the body.
      const deadline = Date.now() + 30_000;
      while ((await bytesOnDisk(uploadDir)) < 2 * MiB) {
        assert.ok(Date.now() < deadline, 'the start of the body reached the service while the client held the rest back');
        await sleep(50);
      }
      open();
      const response = await answer;
      const job = (await response.json()) as { fileBytes: number; rows: { total: number } };
      assert.equal(response.status, 202, JSON.stringify(job));
      assert.ok(job.fileBytes >= 20 * MiB, `the whole body arrived: ${job.fileBytes} bytes`);
      assert.equal(job.rows.total, (job.fileBytes - HEADER.length) / ROW.length);
    });

    it('refuses a streamed body over GATEWAY_UPLOAD_LIMIT with 413', async () => {
      const response = await upload(platform.url, token, csvBody(40 * MiB));
      const body = (await response.json()) as { code: string };
      assert.equal(response.status, 413, JSON.stringify(body));
      assert.equal(body.code, 'payload-too-large');
    });

    it('streams a bulk download through when the client asks for the file type', async () => {
      const response = await fetch(`${platform.url}/api/catalog/exports/products?format=ndjson`, {
        headers: { authorization: `Bearer ${token}`, accept: 'application/x-ndjson' },
      });
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), 'application/x-ndjson');
      assert.equal(response.headers.get('content-length'), null, 'sent as it arrives, not collected first');
      const lines = (await response.text()).trim().split('\n');
      assert.ok(lines.length >= 100, `every seeded product: ${lines.length}`);
      assert.ok(lines.every((line) => typeof JSON.parse(line).handle === 'string'));
    });

    it('still buffers JSON bodies under GATEWAY_BODY_LIMIT', async () => {
      // Declares 2 MiB but sends only the start: the answer must come from the declared length alone
      // (a client still pushing the whole body races the early answer and may see a reset instead).
      const status = await new Promise<number>((resolve, reject) => {
        const req = httpRequest(`${platform.url}/api/catalog/products`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': String(2 * MiB) },
        });
        req.on('response', (response) => {
          response.resume();
          resolve(response.statusCode!);
          req.destroy();
        });
        req.on('error', reject);
        req.write('{"handle":"big","name":"');
      });
      assert.equal(status, 413);
    });
  });
}
