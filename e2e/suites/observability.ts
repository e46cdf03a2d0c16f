import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { before, describe, it } from 'node:test';
import parsePrometheus from 'parse-prometheus-text-format';
import type { TestPlatform, TopologyKind } from '@mercato/testing';
import { topology } from '../../topology.ts';
import { ADMIN, call, login } from '../support.ts';

/** Observability, against a running platform. */
export function observabilitySuite(kind: TopologyKind, getPlatform: () => TestPlatform): void {
  describe(`observability (${kind})`, () => {
    let platform: TestPlatform;
    let admin: string;
    before(async () => {
      platform = getPlatform();
      admin = await login(platform.url, ADMIN.email, ADMIN.password);
    });

    it('exposes Prometheus metrics for every service that parse, with per-route request counts', async () => {
      await call(platform.url, 'GET', '/api/catalog/products?limit=1');
      const gateway = await (await fetch(`${platform.url}/metrics`)).text();
      assertParses(gateway, 'gateway');
      for (const service of Object.keys(topology.services).filter((s) => s !== 'gateway')) {
        const anonymous = await call(platform.url, 'GET', `/services/${service}/metrics`);
        assert.equal(anonymous.status, 401, 'service metrics are staff-only through the gateway');
        const response = await fetch(`${platform.url}/services/${service}/metrics`, { headers: { authorization: `Bearer ${admin}` } });
        assert.equal(response.status, 200);
        assert.match(response.headers.get('content-type') ?? '', /^text\/plain/);
        const families = assertParses(await response.text(), service);
        assert.ok(families.some((f) => f.name === 'http_request_duration_seconds' && f.type === 'HISTOGRAM'));
      }
    });

    it('carries the trace id of a gateway request into the catalog log line for it', async () => {
      const traceId = randomBytes(16).toString('hex');
      const marker = `trace-${randomBytes(4).toString('hex')}`;
      const path = `/api/catalog/products?limit=1&cursor=${Buffer.from(JSON.stringify({ after: marker })).toString('base64url')}`;
      const answer = await call(platform.url, 'GET', path, { headers: { traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` } });
      assert.equal(answer.status, 200);
      const lineFor = (service: string) =>
        platform.logs.find((l) => l.service === service && l.msg === 'request completed' && String(l.url).includes(path.split('cursor=')[1]!));
      const deadline = Date.now() + 5000;
      while ((!lineFor('catalog') || !lineFor('gateway')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      const gatewayLine = lineFor('gateway');
      const catalogLine = lineFor('catalog');
      assert.ok(gatewayLine && catalogLine, 'both services logged the request');
      assert.equal(gatewayLine.trace_id, traceId);
      assert.equal(catalogLine.trace_id, traceId);
      assert.notEqual(catalogLine.span_id, gatewayLine.span_id, 'the catalog span is a child, not the same span');
      assert.equal(catalogLine.caller, 'gateway');
    });
  });
}

function assertParses(text: string, service: string): Array<{ name: string; type: string; metrics: unknown[] }> {
  const families = parsePrometheus(text) as Array<{ name: string; type: string; metrics: Array<{ labels?: Record<string, string> }> }>;
  assert.ok(families.length > 5, `${service}: metric families parsed`);
  const requests = families.find((f) => f.name === 'http_requests_total');
  assert.ok(requests, `${service}: http_requests_total present`);
  assert.ok(requests.metrics.every((m) => m.labels?.service === service));
  return families;
}
