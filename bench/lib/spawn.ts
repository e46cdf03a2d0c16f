import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { stopTree, track } from './cleanup.ts';
import { freePort } from './ports.ts';

/** The repository root (bench/lib/../..). */
export const ROOT = resolve(import.meta.dirname, '../..');

/** A server the harness started as a child process. */
export interface ServerProcess {
  child: ChildProcess;
  pid: number;
  url: string;
  /** Where the child's stdout and stderr go. */
  logFile: string;
  /** Milliseconds from spawn to the first 200 from the readiness path. */
  readyMs: number;
  /** SIGTERM, wait for the whole tree to exit (SIGKILL after a timeout); false if it had to kill. */
  stop(): Promise<boolean>;
}

/** How to start a TypeScript entry point with Node and the tsx loader. */
export interface SpawnOptions {
  /** Script and its arguments, relative to the repository root. */
  args: string[];
  port: number;
  env: NodeJS.ProcessEnv;
  logFile: string;
  /** Path polled until it answers 200. */
  readyPath: string;
  /** Extra Node flags (e.g. `--cpu-prof`). */
  nodeFlags?: string[];
  timeoutMs?: number;
}

function tail(file: string, lines = 30): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no output)';
  }
}

// `node --import tsx` is what the `tsx` command runs, minus its extra signal-relay Node process.
/** Spawns `node --import tsx <script>` with output to a file; resolves once `readyPath` answers 200. */
export async function spawnServer(options: SpawnOptions): Promise<ServerProcess> {
  const out = openSync(options.logFile, 'a');
  const started = performance.now();
  const child = spawn(process.execPath, [...(options.nodeFlags ?? []), '--import', 'tsx', ...options.args], {
    cwd: ROOT,
    env: options.env,
    stdio: ['ignore', out, out],
  });
  closeSync(out);
  track(child);
  const url = `http://127.0.0.1:${options.port}`;
  const stop = () => stopTree(child);
  try {
    const readyMs = await waitReady(child, `${url}${options.readyPath}`, started, options.timeoutMs ?? 180_000);
    return { child, pid: child.pid!, url, logFile: options.logFile, readyMs, stop };
  } catch (error) {
    await stop();
    throw new Error(`${options.args.join(' ')}: ${(error as Error).message}\n--- last output ---\n${tail(options.logFile)}`);
  }
}

async function waitReady(child: ChildProcess, url: string, started: number, timeoutMs: number): Promise<number> {
  const deadline = started + timeoutMs;
  while (performance.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`exited early (${child.exitCode ?? child.signalCode})`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      if (response.status === 200) return performance.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`not ready after ${timeoutMs} ms`);
}

/** Options of one platform start. */
export interface PlatformOptions {
  dataDir: string;
  logLevel: 'info' | 'warn';
  nodeFlags?: string[];
  /** `embedded` (default) or `processes` (one process per service, RabbitMQ under the data dir). */
  topology?: 'embedded' | 'processes';
  /** Environment added to the platform's (e.g. GATEWAY_CACHE_ENABLED). */
  env?: NodeJS.ProcessEnv;
}

/** The environment of a platform child: given log level and PostgreSQL port, rate limits lifted. */
function platformEnv(logLevel: string, pgPort: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    MERCATO_LOG_LEVEL: logLevel,
    MERCATO_PG_PORT: String(pgPort),
    GATEWAY_RATE_LIMIT_PER_IP: '1000000000',
    GATEWAY_RATE_LIMIT_PER_CLIENT: '1000000000',
    // The scenarios measure the services behind the gateway; `public-cache` turns the cache on.
    GATEWAY_CACHE_ENABLED: 'false',
  };
  for (const name of ['MERCATO_DATABASE_URL', 'MERCATO_AMQP_URL', 'MERCATO_TOPOLOGY', 'NODE_OPTIONS', 'PORT', 'HOST']) delete env[name];
  return env;
}

// Same entry point as `npm start`; the per-IP rate limit is lifted, or the load would get 429s.
/** Starts the embedded platform (scripts/start.ts, bundled PostgreSQL in `dataDir`) on free ports. */
export async function startPlatform(options: PlatformOptions): Promise<ServerProcess> {
  mkdirSync(options.dataDir, { recursive: true, mode: 0o755 });
  const [port, pgPort, amqpPort] = [await freePort(), await freePort(), await freePort()];
  return spawnServer({
    args: ['scripts/start.ts', '--data', options.dataDir, '--port', String(port), '--topology', options.topology ?? 'embedded'],
    port,
    env: { ...platformEnv(options.logLevel, pgPort), MERCATO_AMQP_PORT: String(amqpPort), ...options.env },
    logFile: join(options.dataDir, `platform-${options.logLevel}.log`),
    readyPath: '/health/ready',
    nodeFlags: options.nodeFlags,
  });
}

/** Starts `bench/plain-server.ts`, the bare node:http baseline. */
export async function startPlainServer(logDir: string): Promise<ServerProcess> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.NODE_OPTIONS;
  return spawnServer({
    args: ['bench/plain-server.ts', String(port)],
    port,
    env,
    logFile: join(logDir, 'plain-server.log'),
    readyPath: '/health',
  });
}

/** Starts `bench/layers-server.ts`: the platform plus the catalog service on its own port. */
export async function startLayersServer(dataDir: string): Promise<ServerProcess & { catalogUrl: string }> {
  mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  const [port, catalogPort, pgPort] = [await freePort(), await freePort(), await freePort()];
  const server = await spawnServer({
    args: ['bench/layers-server.ts', dataDir, String(port), String(catalogPort)],
    port,
    env: platformEnv('info', pgPort),
    logFile: join(dataDir, 'layers-server.log'),
    readyPath: '/health/ready',
  });
  return { ...server, catalogUrl: `http://127.0.0.1:${catalogPort}` };
}
