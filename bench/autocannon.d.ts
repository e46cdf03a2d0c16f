/** The part of autocannon's API the benchmarks use (the package ships no types). */
declare module 'autocannon' {
  /** One request of the per-connection sequence; `setupRequest` may rewrite it before each send. */
  export interface Request {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    setupRequest?: (request: Request, context: Record<string, unknown>) => Request;
  }

  /** Options of one load run. */
  export interface Options {
    url: string;
    connections?: number;
    duration?: number;
    pipelining?: number;
    timeout?: number;
    requests?: Request[];
  }

  /** A histogram summary as autocannon reports it (latency in ms, requests per second). */
  export interface Histogram {
    average: number;
    mean: number;
    stddev: number;
    min: number;
    max: number;
    total: number;
    p50: number;
    p90: number;
    p99: number;
  }

  /** The aggregated result of one run. */
  export interface Result {
    latency: Histogram;
    requests: Histogram & { sent: number };
    throughput: Histogram;
    errors: number;
    timeouts: number;
    non2xx: number;
    duration: number;
  }

  /** Runs the load and resolves with the aggregated result. */
  export default function autocannon(options: Options): Promise<Result>;
}
