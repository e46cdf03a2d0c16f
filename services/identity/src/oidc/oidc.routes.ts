import type { ServiceApp } from '@mercato/kit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Identity } from '../identity.ts';
import { interactionRoutes } from './interaction.routes.ts';
import { pinPublicOrigin } from './public-origin.ts';

/**
 * Mounts the OpenID provider (a Koa app) on identity's Fastify app: discovery under `/.well-known/`,
 * every endpoint under `/oidc/`, plus the sign-in interaction pages. Works over real HTTP and through
 * `inject()` (the embedded topology) alike: Fastify leaves the request body unread and the provider
 * reads it from the request stream itself, with its own size limit and parsers.
 */
export async function oidcRoutes(app: ServiceApp, identity: Identity): Promise<void> {
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, _payload, done) => done(null, undefined));

    const forward = async (request: FastifyRequest, reply: FastifyReply) => {
      const { callback } = await identity.oidc.current();
      pinPublicOrigin(request.raw, identity.ctx.publicUrl);
      reply.hijack();
      await callback(request.raw, reply.raw);
    };
    const options = { config: { access: 'public' as const }, schema: { hide: true } };
    scope.route({ method: ['GET', 'POST', 'OPTIONS', 'PUT', 'DELETE'], url: '/oidc/*', ...options, handler: forward });
    scope.route({ method: ['GET', 'OPTIONS'], url: '/.well-known/*', ...options, handler: forward });
  });

  await app.register(async (scope) => {
    // The sign-in form posts url-encoded fields; the handler parses them itself.
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 16 * 1024 }, (_request, body, done) => done(null, body));
    interactionRoutes(scope as unknown as ServiceApp, identity);
  });
}
