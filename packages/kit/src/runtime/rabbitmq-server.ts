import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, openSync, closeSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import { freePort } from './ports.ts';

/** A RabbitMQ broker the runtime started: its AMQP URL, a `rabbitmqctl` for it, and how to stop it. */
export interface RabbitMqServer {
  /** `amqp://guest:guest@127.0.0.1:<port>` (default vhost). */
  url: string;
  /** The management plugin is not enabled: operations go through AMQP and `rabbitmqctl`. */
  managementUrl?: never;
  /** Runs `rabbitmqctl` against this node; resolves with its standard output. */
  ctl(args: readonly string[]): Promise<string>;
  /** Stops the node (gracefully, data kept in `dir`) and the epmd it started. */
  stop(): Promise<void>;
}

const BIN = '/usr/lib/rabbitmq/bin';
const SERVER = `${BIN}/rabbitmq-server`;
const CTL = `${BIN}/rabbitmqctl`;
const EPMD = '/usr/bin/epmd';
const STATE_FILE = 'broker.json';
/** A fixed environment for the broker and its tools: nothing from ours (a stray RABBITMQ_NODENAME, say) leaks in. */
const BASE_ENV = { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' };
const START_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 30_000;

/** What `rabbitmqctl` needs to reach a node; kept in `<dir>/broker.json`. */
interface BrokerState {
  node: string;
  epmdPort: number;
}

/**
 * Starts a standalone RabbitMQ node (Debian's package, installed on first use when running as
 * root) with every file under `dir`: its own node name, Erlang distribution port and epmd, so it
 * never meets a broker from another run. Restarting on the same `dir` keeps its queues and messages.
 */
export async function startRabbitMq(dir: string, port: number): Promise<RabbitMqServer> {
  await ensureInstalled();
  await mkdir(join(dir, 'mnesia'), { recursive: true });
  await mkdir(join(dir, 'log'), { recursive: true });
  await stopOrphans(dir);
  if (await portOpen(port)) throw new Error(`port ${port} is already in use: cannot start RabbitMQ there`);

  const node = readState(dir)?.node ?? `mercato-${randomBytes(4).toString('hex')}@localhost`;
  const epmdPort = await freePort();
  const distPort = await freePort();
  const state: BrokerState = { node, epmdPort };
  await writeFiles(dir, port, state);

  const epmd = spawnLogged(EPMD, ['-address', '127.0.0.1', '-port', String(epmdPort)], ctlEnv(dir, state), join(dir, 'log', 'epmd.out'));
  await writeFile(join(dir, 'epmd.pid'), String(epmd.pid));
  let server: ChildProcess | undefined;
  const stop = async () => {
    if (server) await stopProcess(server, dir);
    await stopProcess(epmd);
  };
  const ctl = (args: readonly string[]) => rabbitmqctl(dir, args);
  try {
    await waitForPort(epmdPort, epmd, join(dir, 'log', 'epmd.out'));
    server = spawnLogged(SERVER, [], serverEnv(dir, state, port, distPort), join(dir, 'log', 'console.out'));
    await waitForPort(port, server, join(dir, 'log', 'console.out'));
    // Called before the port is open, await_startup fails instead of waiting.
    await ctl(['await_startup', '--timeout', String(START_TIMEOUT_MS / 1000)]);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url: `amqp://guest:guest@127.0.0.1:${port}`, ctl, stop };
}

/** Runs `rabbitmqctl` against the node started in `dir` (any process may call it). */
export function rabbitmqctl(dir: string, args: readonly string[]): Promise<string> {
  const state = readState(dir);
  if (!state) throw new Error(`no RabbitMQ node was started in ${dir}`);
  return run(CTL, ['-q', '-n', state.node, ...args], ctlEnv(dir, state));
}

/** Installs Debian's rabbitmq-server when it is missing (root only); `apt-get update` only if needed. */
async function ensureInstalled(): Promise<void> {
  if (existsSync(SERVER)) return;
  if (process.getuid?.() !== 0) throw new Error(`RabbitMQ is not installed (${SERVER} missing): run \`apt-get install -y rabbitmq-server\` as root`);
  const env = { ...BASE_ENV, DEBIAN_FRONTEND: 'noninteractive' };
  // Another process may be installing at the same time: wait for dpkg's lock rather than fail.
  const install = ['install', '-y', '-o', 'DPkg::Lock::Timeout=300', 'rabbitmq-server'];
  try {
    await run('apt-get', install, env);
  } catch {
    await run('apt-get', ['update', '-o', 'DPkg::Lock::Timeout=300'], env);
    await run('apt-get', install, env);
  }
  if (!existsSync(SERVER)) throw new Error(`apt-get installed rabbitmq-server but ${SERVER} is missing`);
}

async function writeFiles(dir: string, port: number, state: BrokerState): Promise<void> {
  await writeFile(join(dir, STATE_FILE), JSON.stringify(state));
  // An empty env file so /etc/rabbitmq/rabbitmq-env.conf (a system broker's settings) is not read.
  await writeFile(join(dir, 'rabbitmq-env.conf'), '');
  await writeFile(join(dir, 'enabled_plugins'), '[].\n');
  await writeFile(join(dir, 'rabbitmq.conf'), [`listeners.tcp.1 = 127.0.0.1:${port}`, 'loopback_users = none', ''].join('\n'));
}

function readState(dir: string): BrokerState | undefined {
  try {
    return JSON.parse(readFileSync(join(dir, STATE_FILE), 'utf8')) as BrokerState;
  } catch {
    return undefined;
  }
}

/** The environment shared by the node, its epmd and `rabbitmqctl`: same cookie (HOME) and epmd. */
function ctlEnv(dir: string, state: BrokerState): NodeJS.ProcessEnv {
  return {
    ...BASE_ENV,
    HOME: dir,
    RABBITMQ_CONF_ENV_FILE: join(dir, 'rabbitmq-env.conf'),
    RABBITMQ_NODENAME: state.node,
    ERL_EPMD_ADDRESS: '127.0.0.1',
    ERL_EPMD_PORT: String(state.epmdPort),
  };
}

function serverEnv(dir: string, state: BrokerState, port: number, distPort: number): NodeJS.ProcessEnv {
  return {
    ...ctlEnv(dir, state),
    RABBITMQ_CONFIG_FILE: join(dir, 'rabbitmq.conf'),
    RABBITMQ_ENABLED_PLUGINS_FILE: join(dir, 'enabled_plugins'),
    RABBITMQ_MNESIA_BASE: join(dir, 'mnesia'),
    RABBITMQ_LOG_BASE: join(dir, 'log'),
    RABBITMQ_PID_FILE: join(dir, 'rabbitmq.pid'),
    RABBITMQ_NODE_IP_ADDRESS: '127.0.0.1',
    RABBITMQ_NODE_PORT: String(port),
    RABBITMQ_DIST_PORT: String(distPort),
  };
}

function spawnLogged(command: string, args: string[], env: NodeJS.ProcessEnv, logFile: string): ChildProcess {
  const fd = openSync(logFile, 'a');
  try {
    const child = spawn(command, args, { env, stdio: ['ignore', fd, fd] });
    child.on('error', () => undefined); // reported through 'exit' and the readiness checks
    return child;
  } finally {
    closeSync(fd);
  }
}

/** Stops a broker or epmd left running in `dir` by an earlier, killed launcher. */
async function stopOrphans(dir: string): Promise<void> {
  for (const [file, name] of [['rabbitmq.pid', 'beam'], ['epmd.pid', 'epmd']] as const) {
    const pid = readPid(join(dir, file));
    if (pid === undefined || !commandContains(pid, name)) continue;
    signal(pid, 'SIGTERM');
    if (!(await waitForExit(pid, STOP_TIMEOUT_MS))) signal(pid, 'SIGKILL');
  }
}

async function stopProcess(child: ChildProcess, dir?: string): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // The rabbitmq-server script turns SIGTERM into a clean shutdown of the Erlang VM.
  child.kill('SIGTERM');
  const timer = new Promise<'timeout'>((resolve) => setTimeout(resolve, STOP_TIMEOUT_MS, 'timeout').unref());
  if ((await Promise.race([exited, timer])) !== 'timeout') return;
  const beam = dir ? readPid(join(dir, 'rabbitmq.pid')) : undefined;
  if (beam !== undefined && commandContains(beam, 'beam')) signal(beam, 'SIGKILL');
  child.kill('SIGKILL');
  await exited;
}

async function waitForPort(port: number, child: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${child.spawnfile} exited while starting: ${tail(logFile)}`);
    if (await portOpen(port)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${child.spawnfile} did not open port ${port} within ${START_TIMEOUT_MS} ms`);
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { env, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${command} ${args.join(' ')} failed: ${stderr.trim() || err.message}`));
      else resolve(stdout);
    });
  });
}

function readPid(file: string): number | undefined {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Guards against a recycled pid: only signal a process that is what the pid file says. */
function commandContains(pid: number, name: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(name);
  } catch {
    return false;
  }
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    /* already gone */
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isRunning(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

function isRunning(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(' ')[2] !== 'Z'; // a zombie has exited
  } catch {
    return false;
  }
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').slice(-2000);
  } catch {
    return '(no output)';
  }
}
