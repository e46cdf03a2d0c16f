import { Readable } from 'node:stream';
import { SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import { BrokenCircuitError, ConsecutiveBreaker, ExponentialBackoff, circuitBreaker, handleWhen, retry, type CircuitBreakerPolicy } from 'cockatiel';
import { kitErrors, ProblemError, type ProblemBody } from '../http/problem.ts';
import { injectContext, tracerFor } from '../telemetry/tracing.ts';
import { callAllowed, type Topology } from '../topology/topology.ts';
import { UnreachableError, type InboundResponse, type ReplicaState, type StreamedResponse, type Transport } from './transport.ts';

/** Header naming the calling service; set only by this client, stripped by the gateway at the edge. */
export const CALLER_HEADER = 'x-mercato-caller';

const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);
const RETRYABLE_STATUS = new Set([502, 503, 504]);

/** Options of one call. */
export interface CallOptions {
  method?: string;
  query?: Record<string, string | number | boolean | undefined>;
  headers?: Record<string, string>;
  /** A JSON body (serialized here) or raw bytes. */
  body?: unknown;
  /** Raw bytes, or a stream forwarded as it arrives (never retried: it can be read once only). */
  rawBody?: string | Buffer | Readable;
  timeoutMs?: number;
}

/** Raised when a call outlives its timeout (the transport is told to abort). */
class CallTimeout extends Error {}

class RetryableStatus extends Error {
  constructor(readonly response: InboundResponse) {
    super(`upstream answered ${response.status}`);
  }
}

/**
 * A typed client from one service to another. Refuses calls the topology does not declare,
 * propagates the trace context, times out every call, retries only idempotent requests
 * (GET/PUT/DELETE, or POST with an Idempotency-Key; never a streamed body) and trips a circuit
 * breaker on a failing target.
 */
export class ServiceClient {
  private readonly breaker: CircuitBreakerPolicy;
  // Built once per client: policies are immutable, and per-call construction showed in profiles.
  private readonly retryIdempotent = retry(handleWhen((e) => e instanceof RetryableStatus || e instanceof UnreachableError), {
    maxAttempts: 2,
    backoff: new ExponentialBackoff({ initialDelay: 25, maxDelay: 400 }),
  });

  constructor(
    readonly caller: string,
    readonly target: string,
    private readonly transport: Transport,
    private readonly topology: Topology,
    private readonly defaultTimeoutMs = 5000,
  ) {
    this.breaker = circuitBreaker(handleWhen((e) => e instanceof UnreachableError || e instanceof CallTimeout), {
      halfOpenAfter: 5000,
      breaker: new ConsecutiveBreaker(5),
    });
  }

  /** Sends a request and returns the raw response, whatever its status. */
  async request(path: string, options: CallOptions = {}): Promise<InboundResponse> {
    this.assertAllowed();
    const method = (options.method ?? 'GET').toUpperCase();
    const headers: Record<string, string> = { ...options.headers, [CALLER_HEADER]: this.caller };
    let body = options.rawBody;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const url = withQuery(path, options.query);
    const streamed = body instanceof Readable;
    const idempotent = !streamed && (IDEMPOTENT_METHODS.has(method) || headers['idempotency-key'] !== undefined);
    const timeoutMs = options.timeoutMs ?? this.defaultTimeoutMs;
    const span = this.startSpan(method, path, headers);
    try {
      const attempt = () =>
        this.breaker.execute(async () => {
          const res = await withTimeout(timeoutMs, (signal) =>
            this.transport.send(this.target, { method, path: url, headers, ...(body !== undefined ? { body } : {}) }, { signal, retrySafe: idempotent }),
          );
          if (idempotent && RETRYABLE_STATUS.has(res.status)) throw new RetryableStatus(res);
          return res;
        });
      const response = idempotent ? await this.retryIdempotent.execute(attempt) : await attempt();
      span.setAttribute('http.response.status_code', response.status);
      return response;
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw toProblem(error, this.target);
    } finally {
      span.end();
    }
  }

  /**
   * Sends a request and resolves at the response's headers, with the body as a stream (bulk
   * downloads). The timeout bounds the wait for the headers only; nothing is retried.
   */
  async stream(path: string, options: Omit<CallOptions, 'body' | 'query'> = {}): Promise<StreamedResponse> {
    this.assertAllowed();
    const transport = this.transport;
    if (!transport.sendStreamed) throw new Error('this transport cannot stream responses');
    const method = (options.method ?? 'GET').toUpperCase();
    const headers: Record<string, string> = { ...options.headers, [CALLER_HEADER]: this.caller };
    const span = this.startSpan(method, path, headers);
    const body = options.rawBody;
    try {
      const response = await this.breaker.execute(() =>
        withTimeout(options.timeoutMs ?? this.defaultTimeoutMs, (signal) =>
          transport.sendStreamed!(this.target, { method, path, headers, ...(body !== undefined ? { body } : {}) }, { signal }),
        ),
      );
      span.setAttribute('http.response.status_code', response.status);
      return response;
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw toProblem(error, this.target);
    } finally {
      span.end();
    }
  }

  /** The topology allow-list: an undeclared call is refused before anything is sent. */
  private assertAllowed(): void {
    if (this.caller !== this.target && !callAllowed(this.topology, this.caller, this.target)) {
      throw new ProblemError(kitErrors.callNotAllowed, `${this.caller} may not call ${this.target}`);
    }
  }

  /** A client span for the call, its context injected into the outgoing headers (W3C traceparent). */
  private startSpan(method: string, path: string, headers: Record<string, string>) {
    const span = tracerFor(this.caller).startSpan(`${method} ${this.target}`, {
      kind: SpanKind.CLIENT,
      attributes: { 'http.request.method': method, 'url.path': path, 'peer.service': this.target },
    });
    injectContext(headers, trace.setSpan(context.active(), span));
    return span;
  }

  /** The target's replicas as the balancer sees them. */
  replicas(): ReplicaState[] {
    return this.transport.replicas(this.target);
  }

  /** Sends a request and parses a JSON answer; a non-2xx answer is re-raised as the same problem. */
  async json<T>(path: string, options: CallOptions = {}): Promise<T> {
    const response = await this.request(path, options);
    const text = response.body.toString('utf8');
    if (response.status >= 200 && response.status < 300) return (text ? JSON.parse(text) : undefined) as T;
    throw upstreamProblem(response.status, text);
  }
}

/** Runs `send` with an abort signal that fires only if the call outlives `ms` (then CallTimeout). */
async function withTimeout<T>(ms: number, send: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new CallTimeout());
    }, ms);
  });
  try {
    return await Promise.race([send(controller.signal), expired]);
  } finally {
    clearTimeout(timer);
  }
}

function withQuery(path: string, query: CallOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}${path.includes('?') ? '&' : '?'}${qs}` : path;
}

function toProblem(error: unknown, target: string): unknown {
  if (error instanceof RetryableStatus) return upstreamProblem(error.response.status, error.response.body.toString('utf8'));
  if (error instanceof CallTimeout) return new ProblemError(kitErrors.upstreamTimeout, `${target} did not answer in time`);
  if (error instanceof BrokenCircuitError) return new ProblemError(kitErrors.upstreamUnavailable, `${target} is failing; circuit open`);
  if (error instanceof UnreachableError) return new ProblemError(kitErrors.upstreamUnavailable, `${target} is unreachable`);
  return error;
}

function upstreamProblem(status: number, text: string): ProblemError {
  let body: Partial<ProblemBody> = {};
  try {
    body = JSON.parse(text) as Partial<ProblemBody>;
  } catch {
    /* not JSON: keep the generic problem */
  }
  const { type: _type, title, status: _status, code, detail, instance: _instance, ...extensions } = body;
  return new ProblemError(
    { code: code ?? (status >= 500 ? 'upstream-error' : 'upstream-rejected'), status, title: title ?? 'Upstream error' },
    detail,
    extensions,
  );
}
