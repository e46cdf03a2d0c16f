import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { LogController } from 'fastify';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { TokenVerifier } from '../auth/verifier.ts';
import type { KitTables } from '../db/kit-migrations.ts';
import type { ServiceApp } from '../service.ts';
import type { ServiceMetrics } from '../telemetry/metrics.ts';
import type { Topology } from '../topology/topology.ts';
import './augment.ts';
import { installAuth } from './auth-hooks.ts';
import { installErrorHandling } from './error-handler.ts';
import { installIdempotency } from './idempotency.ts';
import { installObservability } from './observability-hooks.ts';
import { installOpsRoutes, type ReadinessChecks } from './ops-routes.ts';

/** Everything the HTTP layer of a service needs. */
export interface AppParts {
  name: string;
  description: string;
  log: Logger;
  metrics: ServiceMetrics;
  verifier: TokenVerifier;
  topology: Topology;
  db: Kysely<KitTables> | undefined;
  readiness: () => ReadinessChecks;
  bodyLimit?: number;
  trustProxy?: boolean;
  edge?: boolean;
}

/**
 * Builds a service's Fastify app with the chassis installed: problem+json errors, per-route access
 * rules, tracing/metrics/logs, idempotency keys, health and metrics routes, and OpenAPI 3.1.
 */
export async function buildServiceApp(parts: AppParts): Promise<ServiceApp> {
  const app = Fastify({
    loggerInstance: parts.log,
    // One line per request is written by the observability hooks, with the trace id.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: parts.bodyLimit ?? 1024 * 1024,
    trustProxy: parts.trustProxy ?? false,
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: true } },
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as ServiceApp;

  installErrorHandling(app);
  installObservability(app, parts.name, parts.metrics, parts.log);
  installAuth(app, parts.name, parts.verifier, parts.topology, parts.edge ?? false);
  if (parts.db) installIdempotency(app, parts.db);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: `Mercato ${parts.name} API`, description: parts.description, version: '0.1.0' },
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    },
  });
  installOpsRoutes(app, parts.metrics, parts.readiness, !parts.edge);
  return app;
}
