import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { ServiceApp, ServiceContext } from '@mercato/kit';
import { mergeOpenApi, type OpenApiDocument } from '../domain/merge-openapi.ts';

const require = createRequire(import.meta.url);
const SWAGGER_UI_DIR = join(require.resolve('swagger-ui-dist/package.json'), '..');
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'index.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};
const CACHE_MS = 15_000;

const DOCS_PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Mercato API</title>
  <link rel="icon" href="/docs/favicon-32x32.png">
  <link rel="stylesheet" href="/docs/swagger-ui.css">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/docs/swagger-ui-bundle.js"></script>
  <script src="/docs/init.js"></script>
</body>
</html>`;

const INIT_SCRIPT = `window.ui = SwaggerUIBundle({
  url: '/openapi.json', dom_id: '#swagger-ui', deepLinking: true, persistAuthorization: true,
  presets: [SwaggerUIBundle.presets.apis], layout: 'BaseLayout'
});`;

/** `/openapi.json` (every service's document merged) and `/docs` (interactive API docs, served offline). */
export function docsRoutes(app: ServiceApp, ctx: ServiceContext): void {
  let cached: { at: number; doc: unknown } | undefined;
  // Read on first request: the Swagger UI bundle is large and start-up time matters more.
  const assets = new Map<string, Buffer>();
  const asset = (name: string): Buffer | undefined => {
    if (!Object.hasOwn(ASSETS, name)) return undefined;
    if (!assets.has(name)) assets.set(name, readFileSync(join(SWAGGER_UI_DIR, name)));
    return assets.get(name);
  };
  const publicDocs = { access: 'public', quiet: true } as const;

  app.get('/openapi.json', { config: publicDocs, schema: { hide: true } }, async () => {
    if (cached && Date.now() - cached.at < CACHE_MS) return cached.doc;
    const documents: Record<string, OpenApiDocument> = {};
    const unavailable: string[] = [];
    await Promise.all(
      ctx.calls.map(async (service) => {
        try {
          documents[service] = await ctx.client(service).json<OpenApiDocument>('/openapi.json', { timeoutMs: 3000 });
        } catch {
          unavailable.push(service);
        }
      }),
    );
    // The gateway's own documented routes (the mobile BFF); the rest of its routes are hidden.
    documents.gateway = app.swagger() as OpenApiDocument;
    const doc = mergeOpenApi(documents, unavailable);
    if (unavailable.length === 0) cached = { at: Date.now(), doc };
    return doc;
  });

  const page = async (_request: unknown, reply: { type(t: string): { send(b: string): unknown } }) => reply.type('text/html; charset=utf-8').send(DOCS_PAGE);
  app.get('/docs', { config: publicDocs, schema: { hide: true } }, page);
  app.get('/docs/', { config: publicDocs, schema: { hide: true } }, page);
  app.get('/docs/init.js', { config: publicDocs, schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').send(INIT_SCRIPT),
  );
  app.get<{ Params: { asset: string } }>('/docs/:asset', { config: publicDocs, schema: { hide: true } }, async (request, reply) => {
    const body = asset(request.params.asset);
    if (!body) return reply.callNotFound();
    return reply.type(ASSETS[request.params.asset]!).header('cache-control', 'public, max-age=86400').send(body);
  });
}
