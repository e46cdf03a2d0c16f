import { readFileSync } from 'node:fs';
import { treeMemory } from '../../lib/proc.ts';

/** One reading taken while the import runs. */
export interface Sample {
  /** Seconds since sampling started. */
  t: number;
  rowsDone: number;
  /** VmRSS of the platform's Node process, MiB. */
  nodeRssMb: number;
  /** Sum of RSS / PSS of the PostgreSQL processes, MiB (RSS counts shared buffers once per process). */
  pgRssMb: number;
  pgPssMb: number;
}

function statusKb(pid: number, field: string): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** The peak resident set of a process so far (VmHWM), MiB. */
export function peakRssMb(pid: number): number {
  return statusKb(pid, 'VmHWM') / 1024;
}

/** Reads the platform process (the importer) and its PostgreSQL children every `everyMs`. */
export class Sampler {
  readonly samples: Sample[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly started = performance.now();
  private rowsDone = 0;

  constructor(private readonly pid: number, private readonly everyMs = 1000) {}

  start(): void {
    this.take();
    this.timer = setInterval(() => this.take(), this.everyMs);
  }

  /** The job's progress, as last read from the API. */
  progress(rowsDone: number): void {
    this.rowsDone = rowsDone;
  }

  stop(): Sample[] {
    clearInterval(this.timer);
    this.take();
    return this.samples;
  }

  private take(): void {
    const pg = treeMemory(this.pid).filter((p) => p.pid !== this.pid && p.name.startsWith('postgres'));
    this.samples.push({
      t: (performance.now() - this.started) / 1000,
      rowsDone: this.rowsDone,
      nodeRssMb: statusKb(this.pid, 'VmRSS') / 1024,
      pgRssMb: pg.reduce((n, p) => n + p.rssKb, 0) / 1024,
      pgPssMb: pg.reduce((n, p) => n + p.pssKb, 0) / 1024,
    });
  }
}
