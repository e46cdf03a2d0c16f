import mercurius from 'mercurius';
import type { ServiceApp, ServiceContext } from '@mercato/kit';
import { Bff } from '../bff/composition.ts';
import { parseJsonBodies } from '../bff/json-body.ts';
import { bffOptions } from '../bff/options.ts';
import { LIMITS, queryCost } from './cost.ts';
import { formatErrors } from './errors.ts';
import { resolvers } from './resolvers.ts';
import { SDL } from './schema.ts';

/** Largest GraphQL request body (a query with its variables), in bytes. */
export const GRAPHQL_BODY_LIMIT = 64 * 1024;
/** Distinct queries remembered for automatic persisted queries (LRU). */
const PERSISTED_QUERIES = 2000;

/**
 * The web BFF: GraphQL at POST/GET `/graphql` over the composition layer, with a depth limit, a
 * cost limit, automatic persisted queries and service problems as GraphQL errors.
 */
export async function graphqlRoutes(app: ServiceApp, ctx: ServiceContext): Promise<void> {
  const options = bffOptions(ctx);
  await app.register(async (scope) => {
    parseJsonBodies(scope);
    await scope.register(mercurius, {
      schema: SDL,
      resolvers,
      path: '/graphql',
      graphiql: false,
      queryDepth: LIMITS.depth,
      persistedQueryProvider: mercurius.persistedQueryDefaults.automatic(PERSISTED_QUERIES),
      // Services decide access per field (the viewer's token is forwarded); the route itself is open.
      additionalRouteOptions: { config: { access: 'public' }, bodyLimit: GRAPHQL_BODY_LIMIT, schema: { hide: true } },
      context: (request) => ({ bff: new Bff(ctx, request, 'web', options) }),
      errorFormatter: formatErrors,
    });
    scope.graphql.addHook('preExecution', async (schema, document, _context, variables) => {
      const verdict = queryCost(schema, document, variables as Record<string, unknown> | undefined);
      if (!verdict.ok) throw new mercurius.ErrorWithProps(verdict.message, { code: verdict.code, status: 400, limit: LIMITS }, 400);
    });
  });
}
