import { fileURLToPath } from 'node:url';
import { Writable } from 'node:stream';
import { databaseUrl, freePort, startEmbedded, startProcesses, type EmbeddedPlatform, type ProcessesPlatform, type Topology } from '@mercato/kit';
import { ADMIN } from './api.ts';
import { dropDatabases, oneStartAtATime, testServerUrl, uniquePrefix } from './postgres.ts';
import { createTestVhost } from './rabbitmq.ts';

/** The topology module at the repository root. */
export const TOPOLOGY_MODULE = fileURLToPath(new URL('../../../topology.ts', import.meta.url));

/** Which way to run the platform in a test. */
export type TopologyKind = 'embedded' | 'processes';

/** A platform started for one test file, with its log lines captured. */
export interface TestPlatform {
  kind: TopologyKind;
  url: string;
  /** Every JSON log line written by any service, parsed. */
  logs: Array<Record<string, unknown>>;
  /** The URL of a service's own database (white-box checks). */
  databaseUrl(service: string): string;
  embedded?: EmbeddedPlatform;
  processes?: ProcessesPlatform;
  stop(): Promise<void>;
}

/** Options for `startPlatform`. */
export interface PlatformOptions {
  replicas?: Record<string, number>;
  seed?: boolean;
  env?: Record<string, string>;
  /** `processes` only: how callers balance over replicas (default: client-side). */
  balancer?: 'client' | 'haproxy';
}

/** Starts the whole platform in the given topology on fresh databases; `stop()` drops them. */
export async function startPlatform(kind: TopologyKind, options: PlatformOptions = {}): Promise<TestPlatform> {
  const { topology } = (await import(TOPOLOGY_MODULE)) as { topology: Topology };
  const serverUrl = await testServerUrl();
  const prefix = uniquePrefix();
  const port = await freePort();
  const logs: Array<Record<string, unknown>> = [];
  const record = (line: string) => {
    try {
      logs.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      /* not a JSON log line */
    }
  };
  const env = { MERCATO_ADMIN_PASSWORD: ADMIN.password, MERCATO_DEMO_CLIENT_SECRET: 'demo-client-secret-for-tests', ...options.env };
  const publicUrl = `http://127.0.0.1:${port}`;
  const dbUrl = (service: string) => databaseUrl(serverUrl, prefix + service);
  if (kind === 'embedded') {
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const line of chunk.toString('utf8').split('\n')) if (line) record(line);
        done();
      },
    });
    const embedded = await startEmbedded({
      topology,
      serverUrl,
      databasePrefix: prefix,
      port,
      publicUrl,
      seed: options.seed ?? false,
      logDestination: sink,
      env,
    });
    return { kind, url: embedded.url, logs, databaseUrl: dbUrl, embedded, stop: async () => (await embedded.close(), await dropDatabases(serverUrl, prefix)) };
  }
  const vhost = await createTestVhost();
  const processes = await oneStartAtATime(serverUrl, () => startProcesses({
    amqpUrl: vhost.url,
    topology,
    topologyModule: TOPOLOGY_MODULE,
    serverUrl,
    databasePrefix: prefix,
    port,
    publicUrl,
    seed: options.seed ?? false,
    replicas: options.replicas,
    balancer: options.balancer,
    onOutput: (_service, line) => record(line),
    baseEnv: process.env,
    env,
    // Thirteen processes loading on two cores take ≈ 30 s; the limit only catches a start that hangs.
    startTimeoutMs: 180_000,
  }));
  return {
    kind,
    url: processes.url,
    logs,
    databaseUrl: dbUrl,
    processes,
    stop: async () => {
      await processes.close();
      await Promise.all([dropDatabases(serverUrl, prefix), vhost.drop()]);
    },
  };
}
