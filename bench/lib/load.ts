import autocannon, { type Request } from 'autocannon';

/** Settings of one load run. */
export interface LoadSettings {
  connections: number;
  /** Seconds measured. */
  duration: number;
  /** Seconds of load before the measured run (results discarded). */
  warmup: number;
}

/** What one measured run gave. */
export interface LoadResult {
  /** Mean requests per second over the run. */
  rps: number;
  /** Latency percentiles in milliseconds. */
  p50: number;
  p99: number;
  requests: number;
  errors: number;
  timeouts: number;
  non2xx: number;
}

function run(url: string, paths: string[], connections: number, duration: number) {
  let next = 0;
  // One request whose path is rewritten before each send: a global round-robin over `paths`.
  const setupRequest = (request: Request) => ({ ...request, path: paths[next++ % paths.length] });
  return autocannon({ url, connections, duration, timeout: 10, requests: [{ method: 'GET', path: paths[0], setupRequest }] });
}

/** Load with results discarded, so that JIT, pools and caches are warm before measuring. */
export async function warmup(url: string, paths: string[], settings: LoadSettings): Promise<void> {
  if (settings.warmup > 0) await run(url, paths, settings.connections, settings.warmup);
}

/** Measures GETs on `paths` (round-robin) against `url` with autocannon. */
export async function measure(url: string, paths: string[], settings: LoadSettings): Promise<LoadResult> {
  const result = await run(url, paths, settings.connections, settings.duration);
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
  };
}
