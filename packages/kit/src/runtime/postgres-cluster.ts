import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chown, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDebianPackage } from './debian-package.ts';

/** A PostgreSQL cluster (Debian's server package) started in a directory of its own. */
export interface PostgresCluster {
  /** Superuser URL of its `postgres` database. */
  url: string;
  port: number;
  /** Whether it is a streaming-replication standby (read-only). */
  standby: boolean;
  stop(): Promise<void>;
}

const VERSIONS_DIR = '/usr/lib/postgresql';
const USER = 'postgres';
const ENV = { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' };

/**
 * Initialises and starts a primary in `dir` on `port` (loopback only, password authentication,
 * ready for streaming replicas). As root, the server runs as the `postgres` system user: PostgreSQL
 * refuses to run as root.
 */
export async function startPrimaryCluster(dir: string, port: number, settings: Record<string, string> = {}): Promise<PostgresCluster> {
  const bin = await serverBinaries();
  await prepareDir(dir);
  const password = randomBytes(12).toString('hex');
  const pwfile = join(dir, 'pwfile');
  await writeFile(pwfile, password, { mode: 0o600 });
  await ownByPostgres(pwfile);
  await run(join(bin, 'initdb'), ['-D', join(dir, 'data'), '-U', USER, `--pwfile=${pwfile}`, '--auth-host=scram-sha-256', '--auth-local=peer', '-E', 'UTF8', '--no-sync']);
  return start(bin, dir, port, password, false, { wal_level: 'replica', max_wal_senders: '10', wal_keep_size: '256MB', ...settings });
}

/** Clones `primary` with pg_basebackup into `dir` and starts it as a hot standby on `port`. */
export async function startStandbyCluster(dir: string, port: number, primary: PostgresCluster, settings: Record<string, string> = {}): Promise<PostgresCluster> {
  const bin = await serverBinaries();
  await prepareDir(dir);
  const { password } = new URL(primary.url);
  await run(join(bin, 'pg_basebackup'), ['-h', '127.0.0.1', '-p', String(primary.port), '-U', USER, '-D', join(dir, 'data'), '-R', '-X', 'stream', '-c', 'fast', '--no-sync'], {
    PGPASSWORD: password,
  });
  // -R wrote primary_conninfo without the password (it came from the environment): add it.
  const auto = join(dir, 'data', 'postgresql.auto.conf');
  const conf = await readFile(auto, 'utf8');
  if (!conf.includes('password=')) await writeFile(auto, conf.replace(/primary_conninfo = '/, `primary_conninfo = 'password=${password} `));
  return start(bin, dir, port, password, true, { hot_standby: 'on', hot_standby_feedback: 'on', ...settings });
}

async function start(bin: string, dir: string, port: number, password: string, standby: boolean, settings: Record<string, string>): Promise<PostgresCluster> {
  const data = join(dir, 'data');
  const options = { port: String(port), listen_addresses: '127.0.0.1', unix_socket_directories: dir, ...settings };
  const flags = Object.entries(options).map(([k, v]) => `-c ${k}=${v}`).join(' ');
  await run(join(bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', '-o', flags, 'start']);
  return {
    url: `postgres://${USER}:${password}@127.0.0.1:${port}/postgres`,
    port,
    standby,
    stop: () => run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', '-t', '60', 'stop']).then(() => undefined),
  };
}

/** The newest installed server version's binaries, installing Debian's `postgresql` if none is. */
async function serverBinaries(): Promise<string> {
  const find = () =>
    existsSync(VERSIONS_DIR)
      ? readdirSync(VERSIONS_DIR)
          .filter((v) => existsSync(join(VERSIONS_DIR, v, 'bin', 'initdb')))
          .sort((a, b) => Number(b) - Number(a))[0]
      : undefined;
  await ensureDebianPackage('postgresql', `${VERSIONS_DIR}/<version>/bin/initdb`, () => find() !== undefined);
  return join(VERSIONS_DIR, find()!, 'bin');
}

async function prepareDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  if ((await readdir(dir)).length > 0) throw new Error(`${dir} is not empty`);
  await ownByPostgres(dir);
}

async function ownByPostgres(path: string): Promise<void> {
  if (!asRoot()) return;
  const [uid, gid] = await Promise.all([run('id', ['-u', USER], {}, false), run('id', ['-g', USER], {}, false)]);
  await chown(path, Number(uid), Number(gid));
}

function asRoot(): boolean {
  return process.getuid?.() === 0;
}

/** Runs a PostgreSQL tool, as the `postgres` user when we are root. */
function run(command: string, args: readonly string[], env: Record<string, string> = {}, asPostgres = true): Promise<string> {
  const [file, argv] = asPostgres && asRoot() ? ['runuser', ['-u', USER, '--', command, ...args]] : [command, [...args]];
  return new Promise((resolve, reject) => {
    execFile(file, argv, { env: { ...ENV, ...env }, cwd: '/', maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${command} ${args.join(' ')} failed: ${stderr.trim() || err.message}`));
      else resolve(stdout.trim());
    });
  });
}
