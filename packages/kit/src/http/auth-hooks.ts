import type { ServiceApp } from '../service.ts';
import type { FastifyRequest } from 'fastify';
import { describeAccess, satisfies } from '../auth/principal.ts';
import { InvalidTokenError, type TokenVerifier } from '../auth/verifier.ts';
import { CALLER_HEADER } from '../client/service-client.ts';
import { callAllowed, type Topology } from '../topology/topology.ts';
import { kitErrors, ProblemError } from './problem.ts';

const BEARER = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/;

/**
 * Enforces that every route declares its access rule (boot fails otherwise), documents it in the
 * OpenAPI document, and checks it on each request before the body is read.
 */
export function installAuth(app: ServiceApp, service: string, verifier: TokenVerifier, topology: Topology, edge: boolean): void {
  // Fastify's automatic HEAD route shares its GET route's schema object: append the rule only once.
  const documented = new WeakMap<object, unknown>();
  app.addHook('onRoute', (route) => {
    // CORS preflights (registered by @fastify/cors) carry no credentials and are answered by the plugin.
    if (!route.config?.access && route.method === 'OPTIONS') route.config = { ...route.config, access: 'public' };
    const access = route.config?.access;
    if (!access) throw new Error(`${service}: route ${route.method} ${route.url} does not declare config.access`);
    const schema = (route.schema ??= {}) as Record<string, unknown>;
    if (documented.get(schema) === access) return;
    documented.set(schema, access);
    schema.description = [schema.description, describeAccess(access)].filter(Boolean).join('\n\n');
    if (access !== 'public' && access !== 'internal') schema.security = [{ bearerAuth: [] }];
  });

  app.decorateRequest('principal', null);
  app.decorateRequest('callerService', undefined);
  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config?.access;
    if (!access) return; // not-found handler
    // The edge faces the internet: a caller header there is a forgery and is ignored (and never forwarded).
    request.callerService = edge ? undefined : checkCaller(request, service, topology);
    request.principal = await authenticate(request, verifier);
    if (access === 'public') return;
    if (access === 'internal') {
      if (!request.callerService) throw new ProblemError(kitErrors.forbidden, 'This route is for services only');
      return;
    }
    if (access !== 'authenticated' && access.services && request.callerService) return;
    if (!request.principal) throw unauthorized('An access token is required');
    if (access === 'authenticated') return;
    if (!satisfies(request.principal, access)) throw new ProblemError(kitErrors.forbidden, describeAccess(access));
  });
}

function checkCaller(request: FastifyRequest, service: string, topology: Topology): string | undefined {
  const caller = request.headers[CALLER_HEADER];
  if (typeof caller !== 'string') return undefined;
  if (caller !== service && !callAllowed(topology, caller, service)) {
    throw new ProblemError(kitErrors.callNotAllowed, `${caller} may not call ${service}`);
  }
  return caller;
}

async function authenticate(request: FastifyRequest, verifier: TokenVerifier) {
  const header = request.headers.authorization;
  // Another scheme (Basic client authentication at the OAuth endpoints, DPoP) carries no Mercato
  // access token: the request is anonymous here, and routes that need a token still answer 401.
  if (header === undefined || !/^bearer\s/i.test(header)) return null;
  const match = BEARER.exec(header);
  if (!match) throw unauthorized('The Authorization header must be a Bearer token');
  try {
    return await verifier.verify(match[1]!);
  } catch (error) {
    if (error instanceof InvalidTokenError) throw unauthorized(`The access token is not valid: ${error.message}`);
    throw error;
  }
}

function unauthorized(detail: string): ProblemError {
  return new ProblemError(kitErrors.unauthorized, detail, {}, { 'www-authenticate': 'Bearer error="invalid_token"' });
}
