/**
 * The baseline for `npm run bench`: a bare node:http server answering every GET with a product-like
 * JSON body of about the same size as the platform's product detail (≈ 890 bytes), serialized per
 * request. Usage: `node --import tsx bench/plain-server.ts <port>`.
 */
import { createServer } from 'node:http';

const port = Number(process.argv[2] ?? 0);

/** A product shaped like the catalog's demo products (four variants). */
const product = {
  id: 'prod_01a2069c9b1e715ab42dae55f591f7da',
  handle: 'modern-leather-jacket-1',
  name: 'Modern Leather Jacket',
  description: 'Modern Leather Jacket: a demo product in Apparel. Made to last, easy to love.',
  status: 'published',
  categoryId: 'cat_01a2069c9b1d7a5c8a6d53c6af139d71',
  variants: ['S', 'M', 'L', 'XL'].map((size, i) => ({
    id: `var_01a2069c9b1e715ab42dae5674de543${i}`,
    sku: `DEMO-0001-${size}`,
    name: `Modern Leather Jacket — ${size}`,
    options: { size },
  })),
  version: 1,
  createdAt: '2026-11-23T04:14:16.386Z',
  updatedAt: '2026-11-23T04:14:16.386Z',
};

const server = createServer((request, response) => {
  const body = request.url === '/health' ? '{"status":"ok"}' : JSON.stringify(product);
  response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
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
