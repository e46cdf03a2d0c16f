import type { ServiceApp } from '../service.ts';
import { SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import type { RouteHandlerMethod } from 'fastify';
import type { Logger } from 'pino';
import type { ServiceMetrics } from '../telemetry/metrics.ts';
import { extractContext, tracerFor } from '../telemetry/tracing.ts';

/**
 * Per request: a server span continuing the caller's W3C trace, the handler run inside it (so its
 * logs and outbound calls carry the trace), RED metrics, and one log line when the response is sent.
 */
export function installObservability(app: ServiceApp, service: string, metrics: ServiceMetrics, log: Logger): void {
  const tracer = tracerFor(service);

  app.addHook('onRoute', (route) => {
    const handler = route.handler as RouteHandlerMethod;
    route.handler = function tracedHandler(request, reply) {
      return context.with(request.otelContext, handler, this, request, reply);
    };
  });

  app.addHook('onRequest', (request, _reply, done) => {
    const parent = extractContext(request.headers);
    const route = request.routeOptions.url ?? 'unmatched';
    const span = tracer.startSpan(`${request.method} ${route}`, { kind: SpanKind.SERVER }, parent);
    request.span = span;
    request.otelContext = trace.setSpan(parent, span);
    context.with(request.otelContext, done);
  });

  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const status = reply.statusCode;
    const labels = { method: request.method, route, status: String(status) };
    const seconds = reply.elapsedTime / 1000;
    metrics.requests.inc(labels);
    metrics.duration.observe(labels, seconds);
    if (status >= 500) {
      metrics.errors.inc(labels);
      request.span.setStatus({ code: SpanStatusCode.ERROR });
    }
    request.span.setAttribute('http.response.status_code', status);
    request.span.end();
    if (!request.routeOptions.config?.quiet) {
      context.with(request.otelContext, () =>
        log.info(
          { method: request.method, url: request.url, route, status, ms: Math.round(reply.elapsedTime * 10) / 10, caller: request.callerService },
          'request completed',
        ),
      );
    }
    done();
  });
}
