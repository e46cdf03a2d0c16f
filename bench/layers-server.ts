/**
 * The embedded platform as `npm start` runs it, plus the catalog service's own Fastify instance
 * listening on a second port, so that `npm run bench -- product-detail-layers` can load each layer
 * alone. Usage: `node --import tsx bench/layers-server.ts <data dir> <gateway port> <catalog port>`.
 */
import { resolve } from 'node:path';
import { startEmbedded, startEmbeddedPostgres } from '@mercato/kit';
import { topology } from '../topology.ts';

const [dataDir, gatewayPort, catalogPort] = process.argv.slice(2);
const postgres = await startEmbeddedPostgres(resolve(dataDir!, 'postgres'), Number(process.env.MERCATO_PG_PORT));
const platform = await startEmbedded({
  topology,
  serverUrl: postgres.url,
  port: Number(gatewayPort),
  seed: true,
  logLevel: (process.env.MERCATO_LOG_LEVEL ?? 'info') as 'info',
  env: { ...process.env },
});
const catalog = platform.services.get('catalog');
if (!catalog) throw new Error('the topology has no catalog service');
await catalog.app.listen({ port: Number(catalogPort), host: '127.0.0.1' });

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void platform
      .close()
      .then(() => postgres.stop())
      .finally(() => process.exit(0));
  });
}
