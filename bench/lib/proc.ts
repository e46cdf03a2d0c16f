import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** One process of a tree with its resident memory. */
export interface ProcessMemory {
  pid: number;
  name: string;
  /** VmRSS from /proc/<pid>/status, in KiB. */
  rssKb: number;
  /** Pss from /proc/<pid>/smaps_rollup (shared pages split between sharers), in KiB; 0 if unreadable. */
  pssKb: number;
}

function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may contain spaces: fields follow the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[1]);
  } catch {
    return undefined;
  }
}

/** The pids of every live descendant of `root` (children, grandchildren, …), read from /proc. */
export function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    const parent = parentOf(pid);
    if (parent === undefined) continue;
    const list = children.get(parent);
    if (list) list.push(pid);
    else children.set(parent, [pid]);
  }
  const found: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift()!) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/** True while a process with this pid exists (and is not a zombie). */
export function isAlive(pid: number): boolean {
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
}

function kbField(text: string, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text);
  return match ? Number(match[1]) : 0;
}

/** Memory of `root` and all its descendants (processes that vanish while reading are skipped). */
export function treeMemory(root: number): ProcessMemory[] {
  const result: ProcessMemory[] = [];
  for (const pid of [root, ...descendants(root)]) {
    let status: string;
    try {
      status = readFileSync(`/proc/${pid}/status`, 'utf8');
    } catch {
      continue;
    }
    let pssKb = 0;
    try {
      pssKb = kbField(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'), 'Pss');
    } catch {
      // smaps_rollup needs ptrace rights on the process; RSS alone is still meaningful
    }
    const name = /^Name:\s+(.*)$/m.exec(status)?.[1] ?? '?';
    result.push({ pid, name, rssKb: kbField(status, 'VmRSS'), pssKb });
  }
  return result;
}

let ticksPerSecond: number | undefined;

function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** CPU time (user + system, reaped children included) of `root` and its descendants in ms, by process name. */
export function treeCpu(root: number): Map<string, number> {
  const result = new Map<string, number>();
  for (const pid of [root, ...descendants(root)]) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue;
    }
    const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    // Fields after the name start at field 3 (state); utime, stime, cutime, cstime are fields 14–17.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = [11, 12, 13, 14].reduce((n, i) => n + Number(fields[i]), 0);
    result.set(name, (result.get(name) ?? 0) + (ticks * 1000) / clockTicks());
  }
  return result;
}

/** CPU ms spent between two `treeCpu` readings, by process name (processes gone since are ignored). */
export function cpuDelta(before: Map<string, number>, after: Map<string, number>): Map<string, number> {
  return new Map([...after].map(([name, ms]) => [name, Math.max(0, ms - (before.get(name) ?? 0))]));
}
