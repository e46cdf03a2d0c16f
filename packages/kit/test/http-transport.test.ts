import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, describe, it } from 'node:test';
import { HttpTransport } from '../src/client/http-transport.ts';
import { freePort } from '../src/runtime/ports.ts';

/** A replica that answers with its own name. */
async function replica(name: string, port: number): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.url === '/health/live') return res.end('{}');
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ name, method: req.method }));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return server;
}

const send = (transport: HttpTransport, method: string, retrySafe: boolean) =>
  transport.send('svc', { method, path: '/x', headers: {} }, { signal: AbortSignal.timeout(2000), retrySafe });

describe('HttpTransport', () => {
  const servers: Server[] = [];
  after(() => servers.forEach((s) => s.close()));

  it('round-robins across healthy replicas', async () => {
    const ports = [await freePort(), await freePort()];
    servers.push(await replica('a', ports[0]!), await replica('b', ports[1]!));
    const transport = new HttpTransport({ svc: ports.map((p) => `http://127.0.0.1:${p}`) }, 60_000);
    const names = [];
    for (let i = 0; i < 4; i++) names.push(JSON.parse((await send(transport, 'GET', true)).body.toString()).name);
    assert.deepEqual(names, ['a', 'b', 'a', 'b']);
    await transport.close();
  });

  it('sends even a non-idempotent request to another replica when the first refuses the connection, and ejects it', async () => {
    const [live, dead] = [await freePort(), await freePort()];
    servers.push(await replica('live', live));
    const transport = new HttpTransport({ svc: [`http://127.0.0.1:${dead}`, `http://127.0.0.1:${live}`] }, 60_000);
    for (let i = 0; i < 3; i++) assert.equal(JSON.parse((await send(transport, 'POST', false)).body.toString()).name, 'live');
    assert.deepEqual(
      transport.replicas('svc').map((r) => r.healthy),
      [false, true],
    );
    await transport.close();
  });

  it('re-admits an ejected replica once its liveness probe answers', async () => {
    const [a, b] = [await freePort(), await freePort()];
    servers.push(await replica('a', a));
    const transport = new HttpTransport({ svc: [`http://127.0.0.1:${a}`, `http://127.0.0.1:${b}`] }, 100);
    await send(transport, 'GET', true);
    await send(transport, 'GET', true);
    assert.equal(transport.replicas('svc')[1]!.healthy, false);
    servers.push(await replica('b', b));
    await new Promise((r) => setTimeout(r, 400));
    assert.equal(transport.replicas('svc')[1]!.healthy, true);
    await transport.close();
  });

  it('reports a service with no reachable replica as unreachable', async () => {
    const transport = new HttpTransport({ svc: [`http://127.0.0.1:${await freePort()}`] }, 60_000);
    await assert.rejects(send(transport, 'GET', true), { name: 'UnreachableError' });
    await transport.close();
  });
});
