import type { Readable } from 'node:stream';

/** A request leaving a service, already serialized (no object crosses a service boundary). */
export interface OutboundRequest {
  method: string;
  /** Path and query string, e.g. `/api/catalog/products?limit=10`. */
  path: string;
  headers: Record<string, string>;
  /** Bytes, or a stream passed through as it arrives (bulk uploads); a stream can be sent once only. */
  body?: string | Buffer | Readable;
}

/** True when a streamed body has not been read from yet, so sending it elsewhere loses nothing. */
export function unsentBody(body: OutboundRequest['body']): boolean {
  if (body === undefined || typeof body === 'string' || Buffer.isBuffer(body)) return true;
  return !body.readableDidRead && !body.destroyed;
}

/** A response as it arrived: status, headers and raw bytes. */
export interface InboundResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A response whose body is handed over as it arrives (bulk downloads), not collected. */
export interface StreamedResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Readable;
}

/** Moves serialized requests to a service: in-process (embedded) or over HTTP (processes). */
export interface Transport {
  /** Sends the request; `retrySafe` says the request may be re-sent to another replica. */
  send(service: string, request: OutboundRequest, options: { signal: AbortSignal; retrySafe: boolean }): Promise<InboundResponse>;
  /** Sends the request and resolves at the response's headers; `signal` aborts until then. */
  sendStreamed?(service: string, request: OutboundRequest, options: { signal: AbortSignal }): Promise<StreamedResponse>;
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
