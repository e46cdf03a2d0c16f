/**
 * The baseline of `npm run bench -- public-cache`: a bare node:http server answering each path with
 * the exact bytes the gateway's cache answers it with (read once from a JSON file of path → body).
 * Usage: `node --import tsx bench/scenarios/public-cache/plain-bytes-server.ts <port> <bodies.json>`.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const port = Number(process.argv[2] ?? 0);
const bodies = new Map(
  Object.entries(JSON.parse(readFileSync(process.argv[3]!, 'utf8')) as Record<string, string>).map(([path, body]) => [path, Buffer.from(body)]),
);
const health = Buffer.from('{"status":"ok"}');

const server = createServer((request, response) => {
  const body = bodies.get(request.url ?? '') ?? health;
  response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
  response.end(body);
});
server.keepAliveTimeout = 72_000;
server.listen(port, '127.0.0.1');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
