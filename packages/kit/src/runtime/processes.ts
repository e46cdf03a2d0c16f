import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LevelWithSilent } from 'pino';
import { databaseUrl, ensureDatabase } from '../db/database.ts';
import type { Topology } from '../topology/topology.ts';
import type { RunningPlatform } from './embedded.ts';
import { databaseName, servicesWithDatabase } from './load.ts';
import { startHaproxy, type HaproxyServer } from './haproxy-server.ts';
import { freePort, waitForHttp } from './ports.ts';
import { SERVICE_ENTRY_PATH, SERVICE_NODE_ARGS } from './service-command.ts';

/** Options of the `processes` topology: one OS process per service replica, HTTP between them. */
export interface ProcessesOptions {
  topology: Topology;
  /** Absolute path of the module exporting `topology` (each child loads it). */
  topologyModule: string;
  serverUrl: string;
  databasePrefix?: string;
  port: number;
  publicUrl?: string;
  /** The RabbitMQ URL (with its vhost) the services' event bus uses. */
  amqpUrl?: string;
  /** Overrides the topology's replica counts. */
  replicas?: Record<string, number>;
  seed?: boolean;
  logLevel?: LevelWithSilent;
  /** The environment every child starts with (PATH, HOME, settings); the launcher passes its own. */
  baseEnv: Record<string, string | undefined>;
  /** Receives every line a child writes (default: this process's stdout/stderr). */
  onOutput?: (service: string, line: string) => void;
  env?: Record<string, string>;
  startTimeoutMs?: number;
  /**
   * How callers spread requests over replicas: `client` (default) balances in each caller;
   * `haproxy` puts every called service behind one HAProxy (health-checked, round-robin).
   */
  balancer?: 'client' | 'haproxy';
  /** Admin URL of a read replica of `serverUrl`: each service with a database reads from it (MERCATO_DATABASE_READ_URL). */
  readServerUrl?: string;
}

/** One replica process. */
export interface ReplicaProcess {
  service: string;
  index: number;
  port: number;
  url: string;
  child: ChildProcess;
  exited: boolean;
}

/** A running `processes` platform: its replicas can be killed and restarted (tests, chaos). */
export interface ProcessesPlatform extends RunningPlatform {
  replicas: ReplicaProcess[];
  /** Sends a signal to one replica (SIGKILL to simulate a crash). */
  kill(service: string, index: number, signal?: NodeJS.Signals): Promise<void>;
  /** Starts a replica again on the same port (with `env` added, e.g. a fault to inject) and waits until it is live. */
  restart(service: string, index: number, env?: Record<string, string>): Promise<void>;
  /** The load balancer, when started with `balancer: 'haproxy'`. */
  haproxy?: HaproxyServer;
}

/** Starts one process per service replica; the gateway's listens on `port`. */
export async function startProcesses(options: ProcessesOptions): Promise<ProcessesPlatform> {
  const prefix = options.databasePrefix ?? 'mercato_';
  await Promise.all(servicesWithDatabase(options.topology).map((name) => ensureDatabase(options.serverUrl, databaseName(prefix, name))));
  const publicUrl = options.publicUrl ?? `http://localhost:${options.port}`;

  const replicas: ReplicaProcess[] = [];
  for (const [service, entry] of Object.entries(options.topology.services)) {
    const count = service === 'gateway' ? 1 : (options.replicas?.[service] ?? entry.replicas ?? 1);
    for (let index = 0; index < count; index++) {
      const port = service === 'gateway' ? options.port : await freePort();
      replicas.push({ service, index, port, url: `http://127.0.0.1:${port}`, child: undefined as never, exited: false });
    }
  }
  const upstreams: Record<string, string[]> = {};
  for (const r of replicas) (upstreams[r.service] ??= []).push(r.url);
  const balancer = options.balancer === 'haproxy' ? await startBalancer(upstreams) : undefined;
  const withDb = new Set(servicesWithDatabase(options.topology));

  const launch = (replica: ReplicaProcess, extraEnv: Record<string, string> = {}): void => {
    const entry = options.topology.services[replica.service]!;
    const visible = Object.fromEntries([...entry.calls, replica.service].map((s) => [s, upstreams[s] ?? []]));
    const child = spawn(process.execPath, [...SERVICE_NODE_ARGS, SERVICE_ENTRY_PATH], {
      env: {
        ...options.baseEnv,
        ...options.env,
        MERCATO_SERVICE: replica.service,
        MERCATO_PORT: String(replica.port),
        MERCATO_TOPOLOGY_MODULE: options.topologyModule,
        MERCATO_PUBLIC_URL: publicUrl,
        MERCATO_UPSTREAMS: JSON.stringify(visible),
        MERCATO_LOG_LEVEL: options.logLevel ?? 'info',
        MERCATO_SEED: options.seed && replica.index === 0 ? '1' : '0',
        ...(options.amqpUrl ? { MERCATO_AMQP_URL: options.amqpUrl } : {}),
        ...(withDb.has(replica.service) ? { MERCATO_DATABASE_URL: databaseUrl(options.serverUrl, databaseName(prefix, replica.service)) } : {}),
        ...(withDb.has(replica.service) && options.readServerUrl
          ? { MERCATO_DATABASE_READ_URL: databaseUrl(options.readServerUrl, databaseName(prefix, replica.service)) }
          : {}),
        ...extraEnv,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    replica.child = child;
    replica.exited = false;
    child.on('exit', () => (replica.exited = true));
    pipeLines(child, replica.service, options.onOutput);
  };

  const timeout = options.startTimeoutMs ?? 60_000;
  const waitLive = (r: ReplicaProcess) => waitForHttp(`${r.url}/health/live`, timeout, () => !r.exited);
  replicas.forEach((replica) => launch(replica));
  try {
    await Promise.all(replicas.map(waitLive));
  } catch (error) {
    await Promise.all(replicas.map((r) => stop(r)));
    await balancer?.stop();
    throw error;
  }

  const find = (service: string, index: number): ReplicaProcess => {
    const replica = replicas.find((r) => r.service === service && r.index === index);
    if (!replica) throw new Error(`no replica ${service}#${index}`);
    return replica;
  };

  return {
    url: `http://127.0.0.1:${options.port}`,
    replicas,
    haproxy: balancer?.haproxy,
    seedMessages: [],
    async kill(service, index, signal = 'SIGKILL') {
      const replica = find(service, index);
      const exited = new Promise((r) => replica.child.once('exit', r));
      replica.child.kill(signal);
      await exited;
    },
    async restart(service, index, env) {
      const replica = find(service, index);
      if (!replica.exited) await stop(replica);
      launch(replica, env);
      await waitLive(replica);
    },
    async close() {
      const gateway = replicas.filter((r) => r.service === 'gateway');
      await Promise.all(gateway.map((r) => stop(r)));
      await Promise.all(replicas.filter((r) => r.service !== 'gateway').map((r) => stop(r)));
      await balancer?.stop();
    },
  };
}

/**
 * Starts HAProxy in front of every service but the gateway (the edge has one replica and its own
 * port) and points `upstreams` at it: each caller then sees one address per service.
 */
async function startBalancer(upstreams: Record<string, string[]>): Promise<{ haproxy: HaproxyServer; stop(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'mercato-haproxy-'));
  const services = [];
  for (const [name, urls] of Object.entries(upstreams)) {
    if (name === 'gateway') continue;
    const port = await freePort();
    services.push({ name, bind: `127.0.0.1:${port}`, servers: urls.map((url) => new URL(url).host) });
    upstreams[name] = [`http://127.0.0.1:${port}`];
  }
  const haproxy = await startHaproxy(dir, { services, checkIntervalMs: 500 });
  return {
    haproxy,
    async stop() {
      await haproxy.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function stop(replica: ReplicaProcess, graceMs = 10_000): Promise<void> {
  if (replica.exited || !replica.child) return;
  const exited = new Promise((r) => replica.child.once('exit', r));
  replica.child.kill('SIGTERM');
  const timer = setTimeout(() => replica.child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

function pipeLines(child: ChildProcess, service: string, onOutput?: (service: string, line: string) => void): void {
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    if (!onOutput) {
      stream.pipe(stream === child.stdout ? process.stdout : process.stderr, { end: false });
      continue;
    }
    let buffered = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      buffered += chunk;
      let newline: number;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        onOutput(service, buffered.slice(0, newline));
        buffered = buffered.slice(newline + 1);
      }
    });
  }
}
