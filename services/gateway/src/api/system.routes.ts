import { kitErrors, problem, type ServiceApp, type ServiceContext } from '@mercato/kit';
import { Type } from '@sinclair/typebox';

const OPS = ['health/live', 'health/ready', 'metrics'] as const;
const STAFF = { roles: ['admin'], scopes: ['ops:read'] } as const;

/**
 * Operational views of the services behind the gateway (the embedded topology has no per-service
 * ports): `/services/<name>/health/live|health/ready` are public, `/services/<name>/metrics` is staff-only.
 */
export function systemRoutes(app: ServiceApp, ctx: ServiceContext): void {
  for (const op of OPS) {
    app.get(
      `/services/:service/${op}`,
      { config: { access: op === 'metrics' ? STAFF : 'public', quiet: true }, schema: { hide: true, params: Type.Object({ service: Type.String() }) } },
      async (request, reply) => {
        const { service } = request.params;
        if (!ctx.calls.includes(service)) throw problem(kitErrors.notFound, `No service ${service}`);
        const response = await ctx.client(service).request(`/${op}`);
        const contentType = response.headers['content-type'];
        if (typeof contentType === 'string') reply.type(contentType);
        return reply.code(response.status).send(response.body);
      },
    );
  }

  app.get(
    '/services',
    { config: { access: STAFF }, schema: { hide: true } },
    async () => ({ services: ctx.calls.map((name) => ({ name, replicas: ctx.client(name).replicas() })) }),
  );
}
