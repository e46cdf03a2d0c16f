/** The totals of one scrape that the system page turns into rates. */
export interface Scrape {
  at: number;
  requests: number;
  errors: number;
  durationSum: number;
  durationCount: number;
}

/** Metric names of packages/kit/src/telemetry/metrics.ts (summed over every label set). */
const SUMMED = {
  http_requests_total: 'requests',
  http_request_errors_total: 'errors',
  http_request_duration_seconds_sum: 'durationSum',
  http_request_duration_seconds_count: 'durationCount',
} as const satisfies Record<string, keyof Scrape>;

/** Reads the counters out of Prometheus text exposition format. */
export function parseScrape(text: string, at: number): Scrape {
  const scrape: Scrape = { at, requests: 0, errors: 0, durationSum: 0, durationCount: 0 };
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const name = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(line)?.[0];
    const field = name ? SUMMED[name as keyof typeof SUMMED] : undefined;
    if (!field) continue;
    // The value follows the optional {labels} block; label values may contain spaces, so split after the brace.
    const afterLabels = line.slice(line.lastIndexOf('}') + 1 || name!.length).trim();
    const value = Number(afterLabels.split(/\s+/)[0]);
    if (Number.isFinite(value)) scrape[field] += value;
  }
  return scrape;
}

/** RED figures between two scrapes; null until there are two (or when a counter went back: a restart). */
export interface Rates {
  requestsPerSecond: number;
  errorsPerSecond: number;
  /** Share of the interval's requests that failed with a 5xx, 0..1. */
  errorRatio: number;
  /** Mean latency of the interval's requests in seconds, null when there were none. */
  meanLatency: number | null;
}

export function ratesBetween(previous: Scrape | undefined, current: Scrape): Rates | null {
  if (!previous) return null;
  const seconds = (current.at - previous.at) / 1000;
  const requests = current.requests - previous.requests;
  const errors = current.errors - previous.errors;
  if (seconds <= 0 || requests < 0 || errors < 0) return null;
  const count = current.durationCount - previous.durationCount;
  return {
    requestsPerSecond: requests / seconds,
    errorsPerSecond: errors / seconds,
    errorRatio: requests > 0 ? errors / requests : 0,
    meanLatency: count > 0 ? (current.durationSum - previous.durationSum) / count : null,
  };
}
