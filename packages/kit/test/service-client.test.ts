import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { ServiceClient } from '../src/client/service-client.ts';
import type { InboundResponse, OutboundRequest, Transport } from '../src/client/transport.ts';
import { UnreachableError } from '../src/client/transport.ts';
import { ProblemError } from '../src/http/problem.ts';
import { defineTopology } from '../src/topology/topology.ts';

const topology = defineTopology({
  services: {
    a: { load: async () => ({ default: undefined as never }), calls: ['b'] },
    b: { load: async () => ({ default: undefined as never }), calls: [] },
  },
});

/** A transport whose answers are scripted, recording what was sent. */
class ScriptedTransport implements Transport {
  sent: OutboundRequest[] = [];
  constructor(private readonly script: Array<number | 'unreachable' | 'hang'>) {}
  async send(_service: string, request: OutboundRequest): Promise<InboundResponse> {
    this.sent.push(request);
    const step = this.script.shift() ?? 200;
    if (step === 'unreachable') throw new UnreachableError('b');
    if (step === 'hang') await new Promise((r) => setTimeout(r, 10_000).unref());
    return { status: step as number, headers: {}, body: Buffer.from('{}') };
  }
  replicas() {
    return [];
  }
  async close() {}
}

describe('ServiceClient', () => {
  it('refuses a call the topology does not declare, without sending it', async () => {
    const transport = new ScriptedTransport([]);
    const client = new ServiceClient('b', 'a', transport, topology);
    await assert.rejects(client.request('/x'), (e: unknown) => e instanceof ProblemError && e.status === 403);
    assert.equal(transport.sent.length, 0);
  });

  it('retries an idempotent GET on 503, but never a POST without an Idempotency-Key', async () => {
    const get = new ScriptedTransport([503, 200]);
    assert.equal((await new ServiceClient('a', 'b', get, topology).request('/x')).status, 200);
    assert.equal(get.sent.length, 2);

    const post = new ScriptedTransport([503, 200]);
    assert.equal((await new ServiceClient('a', 'b', post, topology).request('/x', { method: 'POST', body: {} })).status, 503);
    assert.equal(post.sent.length, 1);

    const keyed = new ScriptedTransport([503, 200]);
    const client = new ServiceClient('a', 'b', keyed, topology);
    assert.equal((await client.request('/x', { method: 'POST', body: {}, headers: { 'idempotency-key': 'k1' } })).status, 200);
    assert.equal(keyed.sent.length, 2);
  });

  it('never retries a streamed body, even on a method that is otherwise retried', async () => {
    const transport = new ScriptedTransport([503, 200]);
    const answer = await new ServiceClient('a', 'b', transport, topology).request('/x', { method: 'PUT', rawBody: Readable.from([Buffer.from('a,b\n')]) });
    assert.equal(answer.status, 503);
    assert.equal(transport.sent.length, 1);
  });

  it('propagates the trace context and names the caller', async () => {
    const transport = new ScriptedTransport([200]);
    await new ServiceClient('a', 'b', transport, topology).request('/x');
    assert.equal(transport.sent[0]!.headers['x-mercato-caller'], 'a');
  });

  it('times out a call that does not answer (504 problem)', async () => {
    const client = new ServiceClient('a', 'b', new ScriptedTransport(['hang', 'hang', 'hang']), topology);
    const began = Date.now();
    await assert.rejects(client.request('/x', { timeoutMs: 100 }), (e: unknown) => e instanceof ProblemError && e.status === 504);
    assert.ok(Date.now() - began < 2000);
  });

  it('opens the circuit after repeated failures and then fails fast without sending', async () => {
    const transport = new ScriptedTransport(Array(20).fill('unreachable'));
    const client = new ServiceClient('a', 'b', transport, topology);
    for (let i = 0; i < 5; i++) await assert.rejects(client.request('/x', { method: 'POST' }));
    const sentBefore = transport.sent.length;
    await assert.rejects(client.request('/x', { method: 'POST' }), (e: unknown) => e instanceof ProblemError && e.status === 503);
    assert.equal(transport.sent.length, sentBefore, 'an open circuit sends nothing');
  });
});
