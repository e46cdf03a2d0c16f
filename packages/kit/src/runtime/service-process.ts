/**
 * Entry point of one service process in the `processes` topology (and of a container): reads the
 * service name, port, database and upstream replicas from the environment, starts it over HTTP and
 * shuts down gracefully on SIGTERM/SIGINT.
 */
import { pathToFileURL } from 'node:url';
import { HttpTransport } from '../client/http-transport.ts';
import { AmqpBus } from '../events/amqp-bus.ts';
import { createLogger } from '../telemetry/logger.ts';
import { installTracing } from '../telemetry/tracing.ts';
import type { Topology } from '../topology/topology.ts';
import { loadService } from './load.ts';
import { stopOnSignals } from './shutdown.ts';
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
const logLevel = (env.MERCATO_LOG_LEVEL as 'info') ?? 'info';
const bus = env.MERCATO_AMQP_URL
  ? new AmqpBus({ url: env.MERCATO_AMQP_URL, name: `${name}:${port}`, logger: createLogger(`${name}.bus`, logLevel) })
  : undefined;
const running = await startService(definition, {
  bus,
  topology,
  transport,
  publicUrl: required('MERCATO_PUBLIC_URL'),
  databaseUrl: env.MERCATO_DATABASE_URL,
  readDatabaseUrl: env.MERCATO_DATABASE_READ_URL,
  env: { ...env },
  logLevel,
  seed: env.MERCATO_SEED === '1',
});
await running.app.listen({ port, host: env.MERCATO_HOST ?? '127.0.0.1' });
if (running.seedMessage) console.log(running.seedMessage);
// The queue exists (subscribed at start): relay now, and catch up from producers' feeds as soon as
// they answer (they may still be starting).
await running.startEvents({ catchUp: false });
const stopping = stopOnSignals(async () => {
  await running.close();
  await bus?.close();
  await transport.close();
});
void catchUpUntilDone();

async function catchUpUntilDone(): Promise<void> {
  for (let attempt = 1; !stopping(); attempt++) {
    try {
      await running.events?.catchUp();
      return;
    } catch (error) {
      running.context.log.warn({ err: error, attempt }, 'catching up from event feeds failed; retrying');
      await new Promise((r) => setTimeout(r, Math.min(5000, 200 * attempt)));
    }
  }
}

function required(key: string): string {
  const value = env[key];
  if (!value) throw new Error(`${key} is required`);
  return value;
}
