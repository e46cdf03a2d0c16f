import type { ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { descendants, isAlive } from './proc.ts';

const children = new Set<ChildProcess>();
const tempDirs = new Set<string>();

/** Registers a child process so that it (and its descendants) are killed when the harness exits. */
export function track(child: ChildProcess): void {
  children.add(child);
  child.once('exit', () => children.delete(child));
}

// World-readable: as root, the bundled PostgreSQL runs as the `postgres` user and must reach its files.
/** A fresh temporary directory, removed when the harness exits. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o755);
  tempDirs.add(dir);
  return dir;
}

/** Removes a temporary directory now. */
export function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  tempDirs.delete(dir);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** SIGTERM a child, wait for its whole tree (PostgreSQL too), SIGKILL leftovers; false if it had to kill. */
export async function stopTree(child: ChildProcess, timeoutMs = 15_000): Promise<boolean> {
  if (child.pid === undefined) return true;
  const tree = [child.pid, ...descendants(child.pid)];
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && tree.some(isAlive)) await sleep(25);
  const survivors = tree.filter(isAlive);
  for (const pid of survivors) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  while (child.exitCode === null && child.signalCode === null) await sleep(10);
  return survivors.length === 0;
}

/** Stops every tracked child and removes every temporary directory. */
export async function cleanupAll(): Promise<void> {
  await Promise.all([...children].map((child) => stopTree(child)));
  for (const dir of tempDirs) removeTempDir(dir);
}

function killAllSync(): void {
  for (const child of children) {
    if (child.pid === undefined) continue;
    for (const pid of [child.pid, ...descendants(child.pid)]) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
}

/** Makes sure children and temp dirs do not outlive the harness: on Ctrl-C, SIGTERM, crash or exit. */
export function installCleanupHandlers(): void {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: stopping benchmark processes…`);
      void cleanupAll().finally(() => process.exit(130));
    });
  }
  process.on('exit', killAllSync);
}
