import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eventually, startPlatform, type TestPlatform } from '@mercato/testing';

const LOAD_MS = 30_000;
const WORKERS = 6;
/** Each worker pauses this long between requests: about 200 requests/s, steady, on a small machine. */
const PAUSE_MS = 20;

describe('processes behind HAProxy: three catalog replicas, one killed under load', () => {
  let platform: TestPlatform;
  before(async () => {
    platform = await startPlatform('processes', {
      replicas: { catalog: 3 },
      balancer: 'haproxy',
      seed: true,
      // One client sends all the load, and every request must reach a replica (no gateway cache).
      env: { GATEWAY_RATE_LIMIT_PER_IP: '1000000', GATEWAY_CACHE_ENABLED: 'false' },
    });
  });
  after(() => platform?.stop());

  it(`serves ${LOAD_MS / 1000} s of load with no failed request after a SIGKILL, and the replica rejoins when restarted`, async () => {
    const processes = platform.processes!;
    const haproxy = processes.haproxy!;
    const catalogStatus = async () => (await haproxy.servers('catalog')).map((s) => s.status).join(',');
    await eventually(async () => (await catalogStatus()) === 'UP,UP,UP', 15_000);

    const started = Date.now();
    let killedAt = Infinity;
    let served = 0;
    let servedAfterKill = 0;
    const failures: string[] = [];
    const worker = async () => {
      while (Date.now() - started < LOAD_MS) {
        const sent = Date.now();
        const outcome = await fetch(`${platform.url}/api/catalog/products?limit=5`, { signal: AbortSignal.timeout(10_000) })
          .then(async (res) => (await res.arrayBuffer(), res.status === 200 ? undefined : `status ${res.status}`))
          .catch((error: Error) => error.message);
        if (outcome) failures.push(`${outcome} (sent ${sent - started} ms in, kill at ${killedAt - started} ms)`);
        else (served++, sent > killedAt && servedAfterKill++);
        await sleep(PAUSE_MS);
      }
    };
    const load = Promise.all(Array.from({ length: WORKERS }, worker));

    await sleep(8_000);
    await processes.kill('catalog', 0, 'SIGKILL');
    killedAt = Date.now();
    await eventually(async () => (await catalogStatus()).startsWith('DOWN'), 5_000);

    await sleep(4_000);
    await processes.restart('catalog', 0);
    await eventually(async () => (await catalogStatus()) === 'UP,UP,UP', 10_000);
    const restarted = processes.replicas.find((r) => r.service === 'catalog' && r.index === 0)!;
    await load;
    assert.deepEqual(failures, [], 'no request failed');
    assert.ok(servedAfterKill > 50, `traffic kept flowing after the kill (${servedAfterKill} of ${served})`);

    const beforeRejoin = await productListRequests(restarted.url);
    for (let i = 0; i < 30; i++) assert.equal((await fetch(`${platform.url}/api/catalog/products?limit=1`).then(async (r) => (await r.arrayBuffer(), r))).status, 200);
    assert.ok((await productListRequests(restarted.url)) >= beforeRejoin + 5, 'the restarted replica takes its share of the traffic again (round-robin)');
  });
});

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Product-list requests a replica has counted in its own /metrics. */
async function productListRequests(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return text
    .split('\n')
    .filter((l) => l.startsWith('http_requests_total{') && l.includes('route="/api/catalog/products"'))
    .reduce((sum, l) => sum + Number(l.split(' ').at(-1)), 0);
}
