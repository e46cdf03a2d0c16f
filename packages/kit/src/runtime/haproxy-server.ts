import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ensureDebianPackage } from './debian-package.ts';
import { renderHaproxyConfig, type HaproxyLayout } from './haproxy-config.ts';
import { freePort } from './ports.ts';

const HAPROXY = '/usr/sbin/haproxy';
const START_TIMEOUT_MS = 30_000;

/** What HAProxy reports about one server of a backend. */
export interface BackendServer {
  name: string;
  /** `UP`, `DOWN`, `MAINT`, … as in HAProxy's stats (a server changing state reads like `UP 1/2`). */
  status: string;
}

/** An HAProxy the runtime started (Debian's package, installed on first use when running as root). */
export interface HaproxyServer {
  /** The stats page (`/stats`, `/stats;csv`, and Prometheus metrics at `/metrics`). */
  statsUrl: string;
  /** The servers of a backend as HAProxy currently sees them. */
  servers(backend: string): Promise<BackendServer[]>;
  stop(): Promise<void>;
}

/** Starts HAProxy in the foreground with the given layout; its configuration and log live in `dir`. */
export async function startHaproxy(dir: string, layout: Omit<HaproxyLayout, 'stats'>): Promise<HaproxyServer> {
  await ensureDebianPackage('haproxy', HAPROXY);
  await mkdir(dir, { recursive: true });
  const statsPort = await freePort();
  const config = join(dir, 'haproxy.cfg');
  const logFile = join(dir, 'haproxy.log');
  await writeFile(config, renderHaproxyConfig({ ...layout, stats: `127.0.0.1:${statsPort}` }));
  const fd = openSync(logFile, 'a');
  let child: ChildProcess;
  try {
    child = spawn(HAPROXY, ['-db', '-f', config], { stdio: ['ignore', fd, fd] });
  } finally {
    closeSync(fd);
  }
  child.on('error', () => undefined); // reported through 'exit' below
  const statsUrl = `http://127.0.0.1:${statsPort}/stats`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGUSR1'); // soft stop: finish the connections in progress
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`haproxy exited while starting: ${tail(logFile)}`);
    try {
      if ((await fetch(statsUrl, { signal: AbortSignal.timeout(500) })).ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`haproxy did not start within ${START_TIMEOUT_MS} ms: ${tail(logFile)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    statsUrl,
    async servers(backend) {
      const csv = await (await fetch(`${statsUrl};csv`)).text();
      const [header, ...rows] = csv.replace(/^# /, '').trim().split('\n');
      const columns = header!.split(',');
      const at = (row: string[], column: string) => row[columns.indexOf(column)] ?? '';
      return rows
        .map((line) => line.split(','))
        .filter((row) => at(row, 'pxname') === backend && !['FRONTEND', 'BACKEND'].includes(at(row, 'svname')))
        .map((row) => ({ name: at(row, 'svname'), status: at(row, 'status') }));
    },
    stop,
  };
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').slice(-2000);
  } catch {
    return '(no output)';
  }
}
