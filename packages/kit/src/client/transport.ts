/** A request leaving a service, already serialized (no object crosses a service boundary). */
export interface OutboundRequest {
  method: string;
  /** Path and query string, e.g. `/api/catalog/products?limit=10`. */
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}

/** A response as it arrived: status, headers and raw bytes. */
export interface InboundResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** Moves serialized requests to a service: in-process (embedded) or over HTTP (processes). */
export interface Transport {
  /** Sends the request; `retrySafe` says the request may be re-sent to another replica. */
  send(service: string, request: OutboundRequest, options: { signal: AbortSignal; retrySafe: boolean }): Promise<InboundResponse>;
  /** Replica health as last observed, for readiness reports. */
  replicas(service: string): ReplicaState[];
  close(): Promise<void>;
}

/** One replica's address and whether the balancer currently sends traffic to it. */
export interface ReplicaState {
  url: string;
  healthy: boolean;
}

/** Raised when a service cannot be reached at all (no replica answered). */
export class UnreachableError extends Error {
  constructor(readonly service: string, cause?: unknown) {
    super(`service ${service} is unreachable`, { cause });
    this.name = 'UnreachableError';
  }
}
