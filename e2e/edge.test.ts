import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startPlatform, type TestPlatform } from '@mercato/testing';
import { assertProblem, call } from './support.ts';

describe('gateway edge protections (embedded)', () => {
  let platform: TestPlatform;
  before(async () => {
    platform = await startPlatform('embedded', {
      env: { GATEWAY_RATE_LIMIT_PER_IP: '8', GATEWAY_BODY_LIMIT: '2048', GATEWAY_CORS_ORIGINS: 'https://shop.example' },
    });
  });
  after(() => platform?.stop());

  it('answers CORS preflights for allowed origins only', async () => {
    const preflight = (origin: string) =>
      fetch(`${platform.url}/api/catalog/products`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
      });
    const allowed = await preflight('https://shop.example');
    assert.equal(allowed.status, 204);
    assert.equal(allowed.headers.get('access-control-allow-origin'), 'https://shop.example');
    const denied = await preflight('https://evil.example');
    assert.equal(denied.headers.get('access-control-allow-origin'), null);
  });

  it('refuses a body over the limit with 413 problem+json', async () => {
    const answer = await call(platform.url, 'POST', '/api/catalog/products', { body: { name: 'x'.repeat(4096) } });
    assertProblem(answer, 413, 'payload-too-large');
  });

  it('rate-limits anonymous callers per IP with 429 and Retry-After', async () => {
    const statuses: number[] = [];
    let limited;
    for (let i = 0; i < 12; i++) {
      const answer = await call(platform.url, 'GET', '/api/catalog/products?limit=1');
      statuses.push(answer.status);
      if (answer.status === 429) limited = answer;
    }
    assert.ok(limited, `some request was limited: ${statuses.join(',')}`);
    assertProblem(limited, 429, 'rate-limited');
    assert.ok(Number(limited.headers.get('retry-after')) > 0);
  });
});
