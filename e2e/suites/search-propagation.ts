import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { before, describe, it } from 'node:test';
import type { TestPlatform, TopologyKind } from '@mercato/testing';
import { ADMIN, call, login, productBody } from '../support.ts';

/** Polls search until `match` holds for the hits of `q`, returning the elapsed milliseconds. */
async function untilSearch(base: string, q: string, match: (hits: Array<{ id: string; name: string }>) => boolean, timeoutMs = 5000): Promise<number> {
  const began = performance.now();
  while (performance.now() - began < timeoutMs) {
    const answer = await call(base, 'GET', `/api/search/products?q=${encodeURIComponent(q)}`);
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    if (match(answer.body.items)) return performance.now() - began;
    await new Promise((r) => setTimeout(r, 20));
  }
  assert.fail(`search for "${q}" did not reach the expected state within ${timeoutMs} ms`);
}

/** Catalog changes reach the search read model through the outbox, the bus and the inbox. */
export function searchPropagationSuite(kind: TopologyKind, getPlatform: () => TestPlatform): void {
  describe(`catalog → search propagation (${kind})`, () => {
    let platform: TestPlatform;
    let admin: string;
    before(async () => {
      platform = getPlatform();
      admin = await login(platform.url, ADMIN.email, ADMIN.password);
    });

    it('has the seeded demo catalog in search', async () => {
      await untilSearch(platform.url, 'demo', (hits) => hits.length > 0, 15_000);
    });

    it('shows a created, renamed and deleted product in search within 1 s of each change', async () => {
      const sku = `SRCH-${kind.toUpperCase()}`;
      const created = await call(platform.url, 'POST', '/api/catalog/products', { token: admin, body: productBody(sku) });
      assert.equal(created.status, 201);
      const id = created.body.id as string;
      assert.ok((await untilSearch(platform.url, sku, (hits) => hits.some((h) => h.id === id))) < 1000);

      const renamed = await call(platform.url, 'PATCH', `/api/catalog/products/${id}`, {
        token: admin,
        body: { name: `Zanzibar lantern ${kind}` },
        headers: { 'if-match': '"1"' },
      });
      assert.equal(renamed.status, 200);
      assert.ok((await untilSearch(platform.url, 'zanzibar', (hits) => hits.some((h) => h.id === id))) < 1000);

      assert.equal((await call(platform.url, 'DELETE', `/api/catalog/products/${id}`, { token: admin })).status, 204);
      assert.ok((await untilSearch(platform.url, sku, (hits) => !hits.some((h) => h.id === id))) < 1000);
    });

    it('finds products with facets, typos and autocomplete through the gateway', async () => {
      const sku = `FACET-${kind.toUpperCase()}`;
      const created = await call(platform.url, 'POST', '/api/catalog/products', { token: admin, body: { ...productBody(sku), name: `Quillfeather hoodie ${kind}` } });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      await untilSearch(platform.url, 'quillfeather', (hits) => hits.some((h) => h.id === created.body.id));
      const typo = await call(platform.url, 'GET', '/api/search/products?q=quilfeather%20hodie&facets=category,brand');
      assert.equal(typo.status, 200);
      assert.ok(typo.body.items.some((h: { id: string }) => h.id === created.body.id), 'two typos in two words still match');
      assert.ok(Array.isArray(typo.body.facets.category) && Array.isArray(typo.body.facets.brand));
      const suggest = await call(platform.url, 'GET', '/api/search/suggest?q=quillf');
      assert.equal(suggest.status, 200);
      assert.equal(suggest.body.completions[0].text, 'quillfeather');
      const bad = await call(platform.url, 'GET', '/api/search/products?limit=0');
      assert.equal(bad.status, 400);
      assert.match(bad.headers.get('content-type') ?? '', /^application\/problem\+json/);
    });

    it('reindexes from the catalog feed under query load: every query answered, new generation active', async () => {
      const before = await call(platform.url, 'GET', '/api/search/reindex', { token: admin });
      assert.equal(before.status, 200, JSON.stringify(before.body));
      let stop = false;
      const failures: string[] = [];
      let queries = 0;
      const load = Promise.all(
        Array.from({ length: 3 }, async () => {
          while (!stop) {
            const answer = await call(platform.url, 'GET', '/api/search/products?q=demo&facets=category,brand&limit=5');
            queries++;
            if (answer.status !== 200 || answer.body.total === 0) failures.push(`${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`);
          }
        }),
      );
      try {
        const started = await call(platform.url, 'POST', '/api/search/reindex', { token: admin });
        assert.equal(started.status, 202, JSON.stringify(started.body));
        const deadline = Date.now() + 60_000;
        let progress = before;
        while (progress.body.activeGeneration !== started.body.generation && Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, 50));
          progress = await call(platform.url, 'GET', '/api/search/reindex', { token: admin });
        }
        assert.equal(progress.body.activeGeneration, started.body.generation, JSON.stringify(progress.body));
        const status = async () => (await call(platform.url, 'GET', '/api/search/status', { token: admin })).body;
        while ((await status()).generation !== started.body.generation && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
        assert.equal((await status()).generation, started.body.generation, 'the replica serves the new generation');
      } finally {
        stop = true;
        await load;
      }
      assert.deepEqual(failures, []);
      assert.ok(queries > 0);
      await untilSearch(platform.url, 'demo', (hits) => hits.length > 0);
    });

    it('reports outbox lag, queue depth and dead letters through the operations CLI', async () => {
      const run = (...args: string[]) =>
        promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/events.ts', ...args], {
          env: { ...process.env, MERCATO_URL: platform.url, MERCATO_TOKEN: admin },
        });
      const status = await run('status', 'catalog', 'search');
      const catalog = JSON.parse(status.stdout.split('\n').find((l) => l.startsWith('catalog '))!.slice('catalog '.length));
      assert.equal(typeof catalog.outbox.pending, 'number');
      const search = JSON.parse(status.stdout.split('\n').find((l) => l.startsWith('search '))!.slice('search '.length));
      assert.equal(search.queue.service, 'search');
      assert.match((await run('dead-letters', 'search')).stdout, /0 dead letter\(s\)/);
    });

    it('continues the trace of a gateway request in the consumer that applies its event', async () => {
      const traceId = randomBytes(16).toString('hex');
      const created = await call(platform.url, 'POST', '/api/catalog/products', {
        token: admin,
        body: productBody(`TRACE-${kind.toUpperCase()}`),
        headers: { traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` },
      });
      assert.equal(created.status, 201);
      const deadline = Date.now() + 5000;
      const applied = () => platform.logs.find((l) => l.service === 'search' && l.msg === 'event applied' && l.subject === created.body.id);
      while (!applied() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      assert.equal(applied()?.trace_id, traceId, 'the search service applied the event inside the same trace');
    });
  });
}
