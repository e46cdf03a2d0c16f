import type { DestinationStream, LevelWithSilent } from 'pino';
import { InProcessTransport } from '../client/in-process-transport.ts';
import { DeadLetterStore } from '../events/dead-letter-store.ts';
import { InProcessBus } from '../events/in-process-bus.ts';
import type { EventBus } from '../events/bus.ts';
import type { Env } from '../config/env.ts';
import { databaseUrl, ensureDatabase } from '../db/database.ts';
import { installTracing } from '../telemetry/tracing.ts';
import type { Topology } from '../topology/topology.ts';
import { databaseName, loadService, servicesWithDatabase } from './load.ts';
import { startService, type RunningService } from './start-service.ts';

/** Options of the embedded topology: every service in this process. */
export interface EmbeddedOptions {
  topology: Topology;
  /** Admin URL of the PostgreSQL server holding one database per service. */
  serverUrl: string;
  databasePrefix?: string;
  port: number;
  host?: string;
  publicUrl?: string;
  seed?: boolean;
  logLevel?: LevelWithSilent;
  logDestination?: DestinationStream;
  env?: Env;
  /** Another event bus instead of the in-process one (tests run the embedded topology on RabbitMQ). */
  bus?: EventBus;
}

/** A running platform, whatever its topology. */
export interface RunningPlatform {
  url: string;
  /** Lines the seeds printed (the admin login, demo data). */
  seedMessages: string[];
  close(): Promise<void>;
}

/** The embedded topology: services share this process and call each other through `inject()`. */
export interface EmbeddedPlatform extends RunningPlatform {
  services: Map<string, RunningService>;
  transport: InProcessTransport;
  bus: EventBus;
}

/** Starts every service of the topology in this process; the gateway listens on `port`. */
export async function startEmbedded(options: EmbeddedOptions): Promise<EmbeddedPlatform> {
  installTracing();
  const prefix = options.databasePrefix ?? 'mercato_';
  const host = options.host ?? '127.0.0.1';
  const withDb = new Set(servicesWithDatabase(options.topology));
  await Promise.all([...withDb].map((name) => ensureDatabase(options.serverUrl, databaseName(prefix, name))));

  const transport = new InProcessTransport();
  const services = new Map<string, RunningService>();
  const deadLetterStores = new Map<string, DeadLetterStore>();
  const inProcess = new InProcessBus((service) => deadLetterStores.get(service));
  const bus = options.bus ?? inProcess;
  const names = Object.keys(options.topology.services);
  const definitions = await Promise.all(names.map((name) => loadService(options.topology, name)));
  const listenUrl = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${options.port}`;
  const publicUrl = options.publicUrl ?? listenUrl.replace('127.0.0.1', 'localhost');
  await Promise.all(
    definitions.map(async (definition) => {
      const running = await startService(definition, {
        topology: options.topology,
        transport,
        publicUrl,
        databaseUrl: withDb.has(definition.name) ? databaseUrl(options.serverUrl, databaseName(prefix, definition.name)) : undefined,
        env: options.env,
        logLevel: options.logLevel,
        logDestination: options.logDestination,
        seed: options.seed,
        poolSize: 5,
        bus,
      });
      services.set(definition.name, running);
      transport.register(definition.name, running.app);
      if (running.context.db) deadLetterStores.set(definition.name, new DeadLetterStore(running.context.db as never));
    }),
  );
  // Every consumer has subscribed: now relays may publish and consumers catch up on history.
  await Promise.all([...services.values()].map((s) => s.startEvents()));

  // A topology without a gateway (kit tests) runs without listening.
  const gateway = services.get('gateway');
  await gateway?.app.listen({ port: options.port, host });
  const address = gateway?.app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;

  return {
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
    services,
    transport,
    bus,
    seedMessages: [...services.values()].flatMap((s) => (s.seedMessage ? [s.seedMessage] : [])),
    async close() {
      await gateway?.close();
      await Promise.all([...services.values()].filter((s) => s !== gateway).map((s) => s.close()));
      await transport.close();
      await bus.close();
    },
  };
}
