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

/** A JSON request with an optional bearer token, sent straight to a service (no gateway). */
type JsonRequest = (method: string, url: string, options?: { token?: string; body?: unknown; headers?: Record<string, string> }) => Promise<LightMyRequestResponse>;

/** One service running in-process on a fresh database, with a local token issuer it trusts. */
export interface TestService {
  service: RunningService;
  /** The in-process bus the service publishes to and consumes from. */
  bus: InProcessBus;
  issuer: TestIssuer;
  /** Sends a request straight to the service (no gateway). */
  inject: RunningService['app']['inject'];
  request: JsonRequest;
  stop(): Promise<void>;
}

/** Several services wired in-process (calls, one bus), each on a fresh database, trusting one issuer. */
export interface TestServices {
  services: Record<string, RunningService>;
  bus: InProcessBus;
  issuer: TestIssuer;
  /** A JSON request to the named service. */
  request(service: string, ...args: Parameters<JsonRequest>): ReturnType<JsonRequest>;
  stop(): Promise<void>;
}

const PUBLIC_URL = 'http://mercato.test';

/**
 * Starts services for a test that needs more than one (e.g. the cart and the pricing it calls).
 * `calls` is the allow-list, as in the topology; services start in the order given.
 */
export async function startTestServices(
  definitions: ServiceDefinition<any>[],
  options: { calls?: Record<string, string[]>; seed?: boolean; env?: Record<string, string> } = {},
): Promise<TestServices> {
  installTracing();
  const serverUrl = await testServerUrl();
  const prefix = uniquePrefix();
  const issuer = await TestIssuer.create(PUBLIC_URL);
  const transport = new InProcessTransport();
  const deadLetters = new Map<string, DeadLetterStore>();
  const bus = new InProcessBus((service) => deadLetters.get(service));
  const topology = defineTopology({
    services: Object.fromEntries(definitions.map((d) => [d.name, { load: async () => ({ default: d }), calls: options.calls?.[d.name] ?? [] }])),
  });
  const services: Record<string, RunningService> = {};
  const stopAll = async () => {
    for (const running of Object.values(services).reverse()) await running.close();
    await dropDatabases(serverUrl, prefix);
  };
  try {
    for (const definition of definitions) {
      let dbUrl: string | undefined;
      if (definition.migrations) {
        await ensureDatabase(serverUrl, prefix + definition.name);
        dbUrl = databaseUrl(serverUrl, prefix + definition.name);
      }
      const running = await startService(
        { ...definition, jwks: definition.jwks ?? (() => async () => issuer.jwks) },
        { topology, transport, bus, publicUrl: PUBLIC_URL, databaseUrl: dbUrl, logLevel: 'silent', seed: options.seed, env: options.env ?? {} },
      );
      services[definition.name] = running;
      if (running.context.db) deadLetters.set(definition.name, new DeadLetterStore(running.context.db as never));
      transport.register(definition.name, running.app);
    }
    // Events flow on the shared bus from here on; there is no earlier history to catch up from.
    for (const running of Object.values(services)) await running.startEvents({ catchUp: false });
  } catch (error) {
    await stopAll();
    throw error;
  }
  return {
    services,
    bus,
    issuer,
    request: (service, method, url, { token, body, headers } = {}) =>
      services[service]!.app.inject({
        method: method as 'GET',
        url,
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
        ...(body !== undefined ? { payload: body as object } : {}),
      }),
    stop: stopAll,
  };
}

/** Starts one service for a service-level test; tokens come from `issuer.mint()`. */
export async function startTestService(definition: ServiceDefinition<any>, options: { seed?: boolean; env?: Record<string, string> } = {}): Promise<TestService> {
  const started = await startTestServices([definition], options);
  const service = started.services[definition.name]!;
  return {
    service,
    bus: started.bus,
    issuer: started.issuer,
    inject: service.app.inject.bind(service.app),
    request: (...args) => started.request(definition.name, ...args),
    stop: started.stop,
  };
}
