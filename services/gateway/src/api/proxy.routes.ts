import { kitErrors, problem, type ServiceApp, type ServiceContext } from '@mercato/kit';
import type { GatewayConfig } from '../config.ts';
import { forwardableRequestHeader, HOP_BY_HOP, routeToService } from '../domain/routing.ts';

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/**
 * Forwards `/api/<service>/…`, `/oidc/…` and `/.well-known/…` to the owning service. The edge has
 * already verified any bearer token (services verify it again) and applied rate limits.
 */
export function proxyRoutes(app: ServiceApp, ctx: ServiceContext, config: GatewayConfig): void {
  // The body is forwarded as bytes: services parse and validate it themselves.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  for (const prefix of ['/api/*', '/oidc/*', '/.well-known/*']) {
    app.route({
      method: [...METHODS],
      url: prefix,
      config: { access: 'public' },
      schema: { hide: true },
      bodyLimit: config.GATEWAY_BODY_LIMIT,
      handler: async (request, reply) => {
        const service = routeToService(request.url, ctx.calls);
        if (!service) throw problem(kitErrors.notFound, `No service answers ${request.url.split('?')[0]}`);
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(request.headers)) {
          if (value !== undefined && forwardableRequestHeader(name)) headers[name] = Array.isArray(value) ? value.join(', ') : value;
        }
        headers['x-forwarded-for'] = request.ip;
        headers['x-forwarded-proto'] = request.protocol;
        if (request.headers.host) headers['x-forwarded-host'] = request.headers.host;
        const body = request.body as Buffer | undefined;
        const response = await ctx.client(service).request(request.url, {
          method: request.method,
          headers,
          ...(body && body.length > 0 ? { rawBody: body } : {}),
          timeoutMs: config.GATEWAY_UPSTREAM_TIMEOUT_MS,
        });
        reply.code(response.status);
        for (const [name, value] of Object.entries(response.headers)) {
          if (value !== undefined && !HOP_BY_HOP.has(name)) reply.header(name, value);
        }
        return reply.send(response.body);
      },
    });
  }
}
