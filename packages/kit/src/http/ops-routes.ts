import type { ServiceApp } from '../service.ts';
import type { ServiceMetrics } from '../telemetry/metrics.ts';

/** A named readiness check: resolves when ready, throws (with a reason) when not. */
export type ReadinessChecks = Record<string, () => Promise<void | string>>;

const CHECK_TIMEOUT_MS = 2000;

/** `/health/live`, `/health/ready`, `/metrics` and `/openapi.json`, present on every service (the edge merges its own). */
export function installOpsRoutes(app: ServiceApp, metrics: ServiceMetrics, checks: () => ReadinessChecks, ownOpenApi: boolean): void {
  const ops = { access: 'public', quiet: true } as const;
  const hide = { hide: true };

  app.get('/health/live', { config: ops, schema: hide }, async () => ({ status: 'live' }));

  app.get('/health/ready', { config: ops, schema: hide }, async (_request, reply) => {
    const results: Record<string, string> = {};
    await Promise.all(
      Object.entries(checks()).map(async ([name, check]) => {
        try {
          const note = await Promise.race([
            check(),
            new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), CHECK_TIMEOUT_MS).unref()),
          ]);
          results[name] = note ? `up: ${note}` : 'up';
        } catch (error) {
          results[name] = `down: ${error instanceof Error ? error.message : String(error)}`;
        }
      }),
    );
    const ready = Object.values(results).every((r) => r.startsWith('up'));
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not-ready', checks: results });
  });

  app.get('/metrics', { config: ops, schema: hide }, async (_request, reply) => {
    reply.type(metrics.registry.contentType);
    return metrics.registry.metrics();
  });

  if (ownOpenApi) app.get('/openapi.json', { config: ops, schema: hide }, async () => app.swagger());
}
