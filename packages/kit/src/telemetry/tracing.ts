import { context, propagation, trace, type Context, type Span, type Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  BasicTracerProvider,
  ParentBasedSampler,
  BatchSpanProcessor,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';

let installed = false;

/** Spans kept in memory when MERCATO_TRACE_MEMORY=1 (tests read them). */
export const memorySpans = new InMemorySpanExporter();

/**
 * Installs OpenTelemetry once per process: async-local context, W3C trace-context propagation and a
 * tracer provider. Spans go to an exporter only when one is configured; otherwise they are still
 * created so that trace ids flow through logs and outbound calls.
 */
export function installTracing(options: { exporter?: SpanExporter; memory?: boolean } = {}): void {
  if (installed) return;
  installed = true;
  const processors: SpanProcessor[] = [];
  if (options.exporter) processors.push(new BatchSpanProcessor(options.exporter));
  if (options.memory) processors.push(new SimpleSpanProcessor(memorySpans));
  // Nothing to export: spans are non-recording (cheap) but still carry trace ids for logs and propagation.
  const sampler = processors.length > 0 ? new ParentBasedSampler({ root: new AlwaysOnSampler() }) : new AlwaysOffSampler();
  const provider = new BasicTracerProvider({ spanProcessors: processors, sampler });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
}

/** The tracer for one service. */
export function tracerFor(service: string): Tracer {
  return trace.getTracer(`mercato.${service}`);
}

/** Reads `traceparent`/`tracestate` from incoming headers into a context. */
export function extractContext(headers: Record<string, string | string[] | undefined>): Context {
  return propagation.extract(context.active(), headers);
}

/** Writes the active trace context into outgoing headers. */
export function injectContext(headers: Record<string, string>, ctx: Context = context.active()): void {
  propagation.inject(ctx, headers);
}

/** The ids of the active span, for log lines. */
export function activeTraceIds(): { trace_id: string; span_id: string } | undefined {
  const span: Span | undefined = trace.getActiveSpan();
  if (!span) return undefined;
  const { traceId, spanId } = span.spanContext();
  return { trace_id: traceId, span_id: spanId };
}
