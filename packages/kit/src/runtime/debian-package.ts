import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';

const ENV = { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8', DEBIAN_FRONTEND: 'noninteractive' };
const APT_LOCK = '/tmp/mercato-apt.lock';
const installing = new Map<string, Promise<void>>();

/**
 * Makes sure `file` exists (or `installed()` holds), installing Debian package `pkg` with apt when
 * it does not (root only; `apt-get update` only when the first attempt fails). Several processes may
 * ask at once: they take turns on a lock file, and within a process the install runs once.
 */
export function ensureDebianPackage(pkg: string, file: string, installed: () => boolean = () => existsSync(file)): Promise<void> {
  if (installed()) return Promise.resolve();
  let pending = installing.get(pkg);
  if (!pending) {
    pending = install(pkg, file, installed);
    installing.set(pkg, pending);
    pending.catch(() => installing.delete(pkg));
  }
  return pending;
}

async function install(pkg: string, file: string, installed: () => boolean): Promise<void> {
  if (process.getuid?.() !== 0) throw new Error(`${pkg} is not installed (${file} missing): run \`apt-get install -y ${pkg}\` as root`);
  const args = ['install', '-y', '--no-install-recommends', '-o', 'DPkg::Lock::Timeout=300', pkg];
  try {
    await apt(args);
  } catch {
    await apt(['update', '-o', 'DPkg::Lock::Timeout=300']);
    await apt(args);
  }
  if (!installed()) throw new Error(`apt-get installed ${pkg} but ${file} is missing`);
}

/** Runs apt-get holding our own lock, so test files installing at once take turns (apt's lists lock would fail them). */
function apt(args: readonly string[]): Promise<void> {
  return run('flock', ['-w', '900', APT_LOCK, 'apt-get', ...args]);
}

function run(command: string, args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { env: ENV, maxBuffer: 16 * 1024 * 1024, timeout: 1_200_000 }, (err, _stdout, stderr) => {
      if (err) reject(new Error(`${command} ${args.join(' ')} failed: ${stderr.trim() || err.message}`));
      else resolve();
    });
  });
}
