import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eventually, startPlatform, type TestPlatform } from '@mercato/testing';
import { call } from './support.ts';

describe('processes: two catalog replicas, one killed', () => {
  let platform: TestPlatform;
  before(async () => {
    // The load must reach the catalog replicas: the gateway's response cache would answer it.
    platform = await startPlatform('processes', { replicas: { catalog: 2 }, seed: true, env: { GATEWAY_CACHE_ENABLED: 'false' } });
  });
  after(() => platform?.stop());

  it('fails no request that starts after a SIGKILL, reports the loss in readiness, and rejoins on restart', async () => {
    const processes = platform.processes!;
    const ready = async () => (await call(platform.url, 'GET', '/health/ready')).body.checks.catalog as string;
    await eventually(async () => (await ready()) === 'up: 2/2 replicas healthy');

    let stop = false;
    const failures: string[] = [];
    let served = 0;
    const load = async () => {
      while (!stop) {
        const answer = await call(platform.url, 'GET', '/api/catalog/products?limit=5').catch((e: Error) => ({ status: 0, body: e.message }));
        if (answer.status === 200) served++;
        else failures.push(`${answer.status} ${JSON.stringify(answer.body)}`);
      }
    };
    const workers = Array.from({ length: 8 }, load);
    await new Promise((r) => setTimeout(r, 300));
    await processes.kill('catalog', 0, 'SIGKILL');
    const servedAtKill = served;
    await eventually(async () => (await ready()) === 'up: 1/2 replicas healthy');
    await new Promise((r) => setTimeout(r, 500));
    stop = true;
    await Promise.all(workers);
    assert.deepEqual(failures, [], 'every request after the kill succeeded');
    assert.ok(served > servedAtKill + 20, `traffic kept flowing (${served - servedAtKill} after the kill)`);

    await processes.restart('catalog', 0);
    await eventually(async () => (await ready()) === 'up: 2/2 replicas healthy');
    const replica = processes.replicas.find((r) => r.service === 'catalog' && r.index === 0)!;
    const before = await replicaRequests(replica.url);
    for (let i = 0; i < 20; i++) assert.equal((await call(platform.url, 'GET', '/api/catalog/products?limit=1')).status, 200);
    assert.ok((await replicaRequests(replica.url)) > before, 'the restarted replica receives traffic again');
  });
});

/** Product-list requests a replica has counted in its own /metrics. */
async function replicaRequests(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return text
    .split('\n')
    .filter((l) => l.startsWith('http_requests_total{') && l.includes('route="/api/catalog/products"'))
    .reduce((sum, l) => sum + Number(l.split(' ').at(-1)), 0);
}
