import type { Context, Span } from '@opentelemetry/api';
import type { Access, Principal } from '../auth/principal.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call this route: required on every route. */
    access?: Access;
    /**
     * Creating POST: honours the Idempotency-Key header. `abandonAfterMs`: how long an unanswered
     * first request holds its key before a retry may run (default 60 s).
     */
    idempotent?: boolean | { abandonAfterMs: number };
    /** Operational route: no request log line. */
    quiet?: boolean;
  }
  interface FastifyRequest {
    /** The verified caller, or null for an anonymous request. */
    principal: Principal | null;
    /** The calling service, when the request came through the topology-checked transport. */
    callerService: string | undefined;
    otelContext: Context;
    span: Span;
    idempotency: { key: string; scope: string } | undefined;
  }
}
