/**
 * The embedded topology for `npm run bench -- search`: gateway, identity, a feed-only catalog and
 * search in one process on an existing PostgreSQL server whose search database is already loaded;
 * the search service's own Fastify instance also listens on a second port.
 * Usage: `node --import tsx bench/search-server.ts <postgres url> <gateway port> <search port>`.
 */
import { startEmbedded } from '@mercato/kit';
import { topology } from './search-topology.ts';

const [serverUrl, gatewayPort, searchPort] = process.argv.slice(2);
const platform = await startEmbedded({
  topology,
  serverUrl: serverUrl!,
  port: Number(gatewayPort),
  logLevel: (process.env.MERCATO_LOG_LEVEL ?? 'info') as 'info',
  env: { ...process.env },
});
await platform.services.get('search')!.app.listen({ port: Number(searchPort), host: '127.0.0.1' });

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void platform.close().finally(() => process.exit(0)));
}
