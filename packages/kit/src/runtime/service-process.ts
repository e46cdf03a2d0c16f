/**
 * Entry point of one service process in the `processes` topology (and of a container): reads the
 * service name, port, database and upstream replicas from the environment, starts it over HTTP and
 * shuts down gracefully on SIGTERM/SIGINT.
 */
import { pathToFileURL } from 'node:url';
import { HttpTransport } from '../client/http-transport.ts';
import { installTracing } from '../telemetry/tracing.ts';
import type { Topology } from '../topology/topology.ts';
import { loadService } from './load.ts';
import { startService } from './start-service.ts';

const env = process.env;
const name = required('MERCATO_SERVICE');
const topologyModule = required('MERCATO_TOPOLOGY_MODULE');
const port = Number(env.MERCATO_PORT ?? 3000);
const upstreams = JSON.parse(env.MERCATO_UPSTREAMS ?? '{}') as Record<string, string[]>;

installTracing({ memory: env.MERCATO_TRACE_MEMORY === '1' });
const { topology } = (await import(pathToFileURL(topologyModule).href)) as { topology: Topology };
const definition = await loadService(topology, name);
const transport = new HttpTransport(upstreams);
const running = await startService(definition, {
  topology,
  transport,
  publicUrl: required('MERCATO_PUBLIC_URL'),
  databaseUrl: env.MERCATO_DATABASE_URL,
  env: { ...env },
  logLevel: (env.MERCATO_LOG_LEVEL as 'info') ?? 'info',
  seed: env.MERCATO_SEED === '1',
});
await running.app.listen({ port, host: env.MERCATO_HOST ?? '127.0.0.1' });
if (running.seedMessage) console.log(running.seedMessage);

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void running
      .close()
      .then(() => transport.close())
      .finally(() => process.exit(0));
  });
}

function required(key: string): string {
  const value = env[key];
  if (!value) throw new Error(`${key} is required`);
  return value;
}
