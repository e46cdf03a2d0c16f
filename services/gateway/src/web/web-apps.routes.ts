import { extname } from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { kitErrors, problem, type ServiceApp } from '@mercato/kit';
import { gatewayErrors } from '../errors.ts';
import { findStaticFile, openStaticFile, type StaticFile } from './static-file.ts';

/** A single-page app built into `root`, served under `prefix` (`/` or `/admin/`). */
export interface WebApp {
  name: string;
  prefix: string;
  root: string;
}

/** Hashed build output never changes under its name; everything else is revalidated. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

/**
 * The security headers of the apps' HTML: scripts only from this origin, no framing, and API calls
 * only to this origin (the BFFs, OIDC).
 */
const PAGE_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-frame-options': 'DENY',
};

/**
 * Serves the storefront at `/` and the admin at `/admin/`: files of their build (precompressed
 * variants when accepted), and the app's `index.html` for any other path without a file extension,
 * so that client-side routes survive a reload. API prefixes are routed elsewhere and win. (HEAD
 * is answered by Fastify's automatic HEAD routes.)
 */
export function webAppRoutes(app: ServiceApp, apps: WebApp[]): void {
  const byPrefix = [...apps].sort((a, b) => b.prefix.length - a.prefix.length);
  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    const path = decodeURIComponent(request.url.split('?')[0]!);
    const webApp = byPrefix.find((a) => path.startsWith(a.prefix) || `${path}/` === a.prefix);
    if (!webApp) throw problem(kitErrors.notFound, `No route for ${request.method} ${path}`);
    if (`${path}/` === webApp.prefix) return reply.redirect(webApp.prefix, 301);
    const relative = path.slice(webApp.prefix.length);
    const encoding = String(request.headers['accept-encoding'] ?? '');
    const asset = relative && relative !== 'index.html' ? await findStaticFile(webApp.root, relative, encoding) : undefined;
    if (asset) return send(request, reply, asset, relative.startsWith('assets/') ? IMMUTABLE : REVALIDATE);
    if (extname(relative)) throw problem(kitErrors.notFound, `No file ${path}`);
    const page = await findStaticFile(webApp.root, 'index.html', encoding);
    if (!page) throw problem(gatewayErrors.appNotBuilt, `The ${webApp.name} is not built: run \`npm run build:apps\``);
    reply.headers(PAGE_HEADERS);
    return send(request, reply, page, REVALIDATE);
  };
  const options = { config: { access: 'public', quiet: true }, schema: { hide: true } } as const;
  for (const webApp of apps) {
    const base = webApp.prefix.replace(/\/$/, '');
    if (base) app.get(base, options, handler);
    app.get(`${base}/*`, options, handler);
  }
}

function send(request: FastifyRequest, reply: FastifyReply, file: StaticFile, cacheControl: string) {
  reply.header('cache-control', cacheControl).header('etag', file.etag).header('vary', 'accept-encoding').type(file.contentType);
  if (file.encoding) reply.header('content-encoding', file.encoding);
  if (request.headers['if-none-match'] === file.etag) return reply.code(304).send();
  reply.header('content-length', file.size);
  return reply.send(request.method === 'HEAD' ? undefined : openStaticFile(file));
}
