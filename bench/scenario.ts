import type { LoadSettings } from './lib/load.ts';

/** Command-line options every scenario receives. */
export interface BenchOptions extends LoadSettings {
  /** How many times each measurement is repeated (the median is reported). */
  rounds: number;
  /** Seconds the platform sits idle before its memory is read. */
  settle: number;
  /** Directory for a CPU profile of the platform during load, if wanted. */
  cpuProf?: string;
}

/** What a scenario hands back: a readable report and figures for the JSON line. */
export interface ScenarioResult {
  report: string;
  figures: Record<string, unknown>;
}

/** A benchmark scenario (`npm run bench -- <name>`). */
export interface Scenario {
  name: string;
  description: string;
  run(options: BenchOptions): Promise<ScenarioResult>;
}
