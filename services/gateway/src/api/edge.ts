import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import { kitErrors, ProblemError, type ServiceApp } from '@mercato/kit';
import type { GatewayConfig } from '../config.ts';

/**
 * Edge protections: CORS for the configured origins, and rate limits per authenticated client
 * (token subject) or, for anonymous callers, per IP address — 429 problem with Retry-After.
 */
export async function installEdge(app: ServiceApp, config: GatewayConfig, publicUrl: string): Promise<void> {
  const origins = new Set([new URL(publicUrl).origin, ...config.GATEWAY_CORS_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean)]);
  await app.register(cors, {
    origin: (origin, callback) => callback(null, origin === undefined || origins.has(origin)),
    credentials: true,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['authorization', 'content-type', 'idempotency-key', 'cart-token', 'consistency-token', 'if-match', 'if-none-match', 'traceparent'],
    exposedHeaders: ['etag', 'location', 'retry-after', 'idempotent-replayed', 'consistency-token'],
    maxAge: 600,
  });
  await app.register(rateLimit, {
    global: true,
    timeWindow: 60_000,
    keyGenerator: (request) => (request.principal ? `client:${request.principal.sub}` : `ip:${request.ip}`),
    max: (_request, key) => (key.startsWith('client:') ? config.GATEWAY_RATE_LIMIT_PER_CLIENT : config.GATEWAY_RATE_LIMIT_PER_IP),
    errorResponseBuilder: (_request, context) =>
      new ProblemError(kitErrors.rateLimited, `Limit of ${context.max} requests per minute reached; retry in ${context.after}`),
  });
}
