import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { kitErrors, problem, type ServiceApp, type ServiceContext } from '@mercato/kit';
import type { GatewayConfig } from '../config.ts';
import { forwardableRequestHeader, HOP_BY_HOP, routeToService } from '../domain/routing.ts';
import { acceptsBulkFile, limitBody, STREAMED_MEDIA_TYPES, type LimitedBody } from '../domain/streamed-body.ts';

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/**
 * Forwards `/api/<service>/…`, `/oidc/…` and `/.well-known/…` to the owning service. The edge has
 * already verified any bearer token (services verify it again) and applied rate limits.
 */
export function proxyRoutes(app: ServiceApp, ctx: ServiceContext, config: GatewayConfig): void {
  // The body is forwarded as bytes: services parse and validate it themselves. Bulk files are
  // forwarded as a stream while they arrive (limits: GATEWAY_UPLOAD_*), everything else buffered.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  app.addContentTypeParser(STREAMED_MEDIA_TYPES, (_request, payload, done) => done(null, payload));

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
        if (request.method === 'GET' && acceptsBulkFile(request.headers.accept)) {
          // A bulk download (e.g. a catalog export) flows through as it arrives; the timeout covers the wait for its headers.
          const response = await ctx.client(service).stream(request.url, { headers, timeoutMs: config.GATEWAY_UPSTREAM_TIMEOUT_MS });
          return answer(reply, response);
        }
        const body = request.body as Buffer | Readable | undefined;
        let upload: LimitedBody | undefined;
        if (body && !Buffer.isBuffer(body)) {
          if (Number(request.headers['content-length']) > config.GATEWAY_UPLOAD_LIMIT) throw tooLarge(config.GATEWAY_UPLOAD_LIMIT);
          upload = limitBody(body, config.GATEWAY_UPLOAD_LIMIT);
        }
        const call = ctx.client(service).request(request.url, {
          method: request.method,
          headers,
          ...(upload ? { rawBody: upload.stream } : Buffer.isBuffer(body) && body.length > 0 ? { rawBody: body } : {}),
          timeoutMs: upload ? config.GATEWAY_UPLOAD_TIMEOUT_MS : config.GATEWAY_UPSTREAM_TIMEOUT_MS,
        });
        let response;
        if (upload) {
          // A cut body is answered at once: the service may only notice when its read fails.
          call.catch(() => undefined);
          const cut = upload.exceeded.then(() => Promise.reject(tooLarge(config.GATEWAY_UPLOAD_LIMIT)));
          response = await Promise.race([call, cut]);
        } else {
          response = await call;
        }
        return answer(reply, response);
      },
    });
  }
}

/** Relays the service's answer: status, end-to-end headers, and the body (bytes or a stream). */
function answer(reply: FastifyReply, response: { status: number; headers: Record<string, string | string[] | undefined>; body: Buffer | Readable }) {
  reply.code(response.status);
  for (const [name, value] of Object.entries(response.headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) reply.header(name, value);
  }
  return reply.send(response.body);
}

function tooLarge(limit: number) {
  return problem(kitErrors.payloadTooLarge, `Streamed uploads are limited to ${limit} bytes`);
}
