import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CALLER_HEADER, HttpTransport, ProblemError, ServiceClient, type Transport } from '@mercato/kit';
import type { TestPlatform, TopologyKind } from '@mercato/testing';
import { topology } from '../../topology.ts';
import { assertProblem, call } from '../support.ts';

/** Topology allow-list, against a running platform. */
export function allowListSuite(kind: TopologyKind, getPlatform: () => TestPlatform): void {
  describe(`topology allow-list (${kind})`, () => {
    let platform: TestPlatform;
    let transport: Transport;
    before(async () => {
      platform = getPlatform();
      if (platform.embedded) transport = platform.embedded.transport;
      else {
        const upstreams: Record<string, string[]> = {};
        for (const r of platform.processes!.replicas) (upstreams[r.service] ??= []).push(r.url);
        transport = new HttpTransport(upstreams);
      }
    });
    after(async () => {
      if (platform?.processes) await transport.close();
    });

    it('refuses an undeclared call at the caller (identity → catalog is not in the topology)', async () => {
      assert.ok(!topology.services.identity.calls.includes('catalog' as never));
      const client = new ServiceClient('identity', 'catalog', transport, topology);
      await assert.rejects(client.request('/api/catalog/products'), (error: unknown) => {
        assert.ok(error instanceof ProblemError);
        assert.equal(error.status, 403);
        assert.equal(error.spec.code, 'call-not-allowed');
        return true;
      });
    });

    it('refuses an undeclared call at the callee, whatever the caller claims', async () => {
      const response = await transport.send(
        'catalog',
        { method: 'GET', path: '/api/catalog/products', headers: { [CALLER_HEADER]: 'identity' } },
        { signal: AbortSignal.timeout(5000), retrySafe: true },
      );
      assert.equal(response.status, 403);
      assert.equal(JSON.parse(response.body.toString()).code, 'call-not-allowed');
    });

    it('allows declared calls (catalog → identity) and strips caller claims at the edge', async () => {
      const client = new ServiceClient('catalog', 'identity', transport, topology);
      assert.equal((await client.request('/oidc/jwks')).status, 200);
      const spoofed = await call(platform.url, 'GET', '/api/catalog/products?limit=1', { headers: { [CALLER_HEADER]: 'identity' } });
      assert.equal(spoofed.status, 200, 'the gateway drops the forged header and calls as itself');
      assertProblem(await call(platform.url, 'GET', '/api/nonexistent/things'), 404, 'not-found');
    });
  });
}
