import { defineService } from '@mercato/kit';
import { docsRoutes } from './api/docs.routes.ts';
import { installEdge } from './api/edge.ts';
import { proxyRoutes } from './api/proxy.routes.ts';
import { systemRoutes } from './api/system.routes.ts';
import { loadGatewayConfig } from './config.ts';
import { graphqlRoutes } from './graphql/plugin.ts';
import { mobileRoutes } from './mobile/mobile.routes.ts';
import { upstreamReadiness } from './domain/readiness.ts';
import { installResponseCache } from './cache/response-cache.ts';
import { webApps } from './web/web-apps.ts';
import { webAppRoutes } from './web/web-apps.routes.ts';

/** The gateway: one public origin in front of every service; verifies tokens at the edge. */
export default defineService({
  name: 'gateway',
  description: 'Public edge: routing, token checks, rate limits, CORS, merged API docs.',
  edge: true,
  // The response cache hears catalog, pricing and inventory events to drop stale answers.
  listens: true,
  async routes(app, ctx) {
    const config = loadGatewayConfig(ctx.env);
    await installEdge(app, config, ctx.publicUrl);
    installResponseCache(app, ctx); // before the routes it caches
    docsRoutes(app, ctx);
    systemRoutes(app, ctx);
    await graphqlRoutes(app, ctx);
    await mobileRoutes(app, ctx);
    proxyRoutes(app, ctx, config);
    webAppRoutes(app, webApps(config));
  },
  readiness: (ctx) => upstreamReadiness(ctx),
});
