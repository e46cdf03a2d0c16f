import type { FastifyRequest } from 'fastify';
import type { ServiceContext } from '@mercato/kit';

/** Query values; an array repeats the parameter (`?sku=A&sku=B`). */
export type Query = Record<string, string | number | boolean | readonly string[] | undefined | null>;

/** The viewer's request headers the BFF passes on, so that services decide access as for a direct call. */
const VIEWER_HEADERS = ['authorization', 'cart-token', 'accept-language'] as const;

/**
 * One viewer's way to the services: every call carries the viewer's token and cart token, so that
 * the services answer exactly as they would answer the viewer.
 */
export class Upstream {
  private readonly headers: Record<string, string> = {};

  constructor(
    private readonly ctx: ServiceContext,
    request: FastifyRequest,
    private readonly timeoutMs: number,
  ) {
    for (const name of VIEWER_HEADERS) {
      const value = request.headers[name];
      if (typeof value === 'string') this.headers[name] = value;
    }
    this.headers['x-forwarded-for'] = request.ip;
  }

  get<T>(service: string, path: string, query?: Query): Promise<T> {
    return this.send<T>('GET', service, withQuery(path, query));
  }

  /** A write; `headers` adds e.g. an Idempotency-Key. Non-2xx answers are raised as the service's problem. */
  send<T>(method: string, service: string, path: string, body?: unknown, options: { headers?: Record<string, string>; timeoutMs?: number } = {}): Promise<T> {
    return this.ctx.client(service).json<T>(path, {
      method,
      headers: { ...this.headers, ...options.headers },
      ...(body !== undefined ? { body } : {}),
      timeoutMs: options.timeoutMs ?? this.timeoutMs,
    });
  }
}

function withQuery(path: string, query: Query | undefined): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) for (const v of value) params.append(name, v);
    else params.set(name, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}
