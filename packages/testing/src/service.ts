import {
  databaseUrl,
  DeadLetterStore,
  defineTopology,
  ensureDatabase,
  InProcessBus,
  InProcessTransport,
  installTracing,
  startService,
  type RunningService,
  type ServiceDefinition,
} from '@mercato/kit';
import type { LightMyRequestResponse } from 'fastify';
import { TestIssuer } from './issuer.ts';
import { dropDatabases, testServerUrl, uniquePrefix } from './postgres.ts';

/** One service running in-process on a fresh database, with a local token issuer it trusts. */
export interface TestService {
  service: RunningService;
  /** The in-process bus the service publishes to and consumes from. */
  bus: InProcessBus;
  issuer: TestIssuer;
  /** Sends a request straight to the service (no gateway). */
  inject: RunningService['app']['inject'];
  /** Shorthand: a JSON request with an optional bearer token. */
  request(method: string, url: string, options?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<LightMyRequestResponse>;
  stop(): Promise<void>;
}

const PUBLIC_URL = 'http://mercato.test';

/** Starts one service for a service-level test; tokens come from `issuer.mint()`. */
export async function startTestService(definition: ServiceDefinition<any>, options: { seed?: boolean; env?: Record<string, string> } = {}): Promise<TestService> {
  installTracing();
  const serverUrl = await testServerUrl();
  const prefix = uniquePrefix();
  const issuer = await TestIssuer.create(PUBLIC_URL);
  let dbUrl: string | undefined;
  if (definition.migrations) {
    await ensureDatabase(serverUrl, prefix + definition.name);
    dbUrl = databaseUrl(serverUrl, prefix + definition.name);
  }
  let deadLetters: DeadLetterStore | undefined;
  const bus = new InProcessBus(() => deadLetters);
  const topology = defineTopology({ services: { [definition.name]: { load: async () => ({ default: definition }), calls: [] } } });
  const service = await startService(
    { ...definition, jwks: definition.jwks ?? (() => async () => issuer.jwks) },
    { topology, transport: new InProcessTransport(), bus, publicUrl: PUBLIC_URL, databaseUrl: dbUrl, logLevel: 'silent', seed: options.seed, env: options.env ?? {} },
  );
  if (service.context.db) deadLetters = new DeadLetterStore(service.context.db as never);
  await service.startEvents({ catchUp: false }); // alone: no producer to catch up from
  return {
    service,
    bus,
    issuer,
    inject: service.app.inject.bind(service.app),
    request: (method, url, { token, body, headers } = {}) =>
      service.app.inject({
        method: method as 'GET',
        url,
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
        ...(body !== undefined ? { payload: body as object } : {}),
      }),
    async stop() {
      await service.close();
      await dropDatabases(serverUrl, prefix);
    },
  };
}
