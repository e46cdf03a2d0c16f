import { etag, expectedVersion, IfMatchHeaders, problem, type ServiceApp, staleVersion } from '@mercato/kit';
import { Type } from '@sinclair/typebox';
import { CUSTOMER_MANAGERS, GROUP_READERS } from '../domain/access.ts';
import { customersErrors } from '../errors.ts';
import type { CustomersContext } from '../store/context.ts';
import { createGroup, deleteGroup, findGroup, listGroups, updateGroup } from '../store/groups.store.ts';
import { Group, GroupInput, GroupParams, GroupPatch } from './schemas.ts';

const tags = ['groups'];

/** Customer groups (e.g. wholesale, vip): staff CRUD. */
export function groupRoutes(app: ServiceApp, ctx: CustomersContext): void {
  const notFound = (code: string) => problem(customersErrors.groupNotFound, `No customer group ${code}`);

  app.get(
    '/api/customers/groups',
    { config: { access: GROUP_READERS }, schema: { tags, summary: 'List customer groups', response: { 200: Type.Object({ items: Type.Array(Group) }) } } },
    async () => ({ items: await listGroups(ctx.db) }),
  );

  app.post(
    '/api/customers/groups',
    { config: { access: CUSTOMER_MANAGERS, idempotent: true }, schema: { tags, summary: 'Create a customer group', body: GroupInput, response: { 201: Group } } },
    async (request, reply) => {
      const group = await createGroup(ctx, request.body);
      return reply.code(201).header('location', `/api/customers/groups/${group.code}`).header('etag', etag(group.version)).send(group);
    },
  );

  app.get(
    '/api/customers/groups/:code',
    { config: { access: GROUP_READERS }, schema: { tags, summary: 'Get a customer group', params: GroupParams, response: { 200: Group } } },
    async (request, reply) => {
      const group = await findGroup(ctx.db, request.params.code);
      if (!group) throw notFound(request.params.code);
      reply.header('etag', etag(group.version));
      return group;
    },
  );

  app.patch(
    '/api/customers/groups/:code',
    {
      config: { access: CUSTOMER_MANAGERS },
      schema: { tags, summary: 'Rename a customer group (If-Match required)', params: GroupParams, headers: IfMatchHeaders, body: GroupPatch, response: { 200: Group } },
    },
    async (request, reply) => {
      const expected = expectedVersion(request.headers['if-match'], true);
      const result = await updateGroup(ctx, request.params.code, expected, request.body);
      if (!result) throw notFound(request.params.code);
      if (result === 'stale') throw staleVersion('group');
      reply.header('etag', etag(result.version));
      return result;
    },
  );

  app.delete(
    '/api/customers/groups/:code',
    { config: { access: CUSTOMER_MANAGERS }, schema: { tags, summary: 'Delete a customer group nobody is in', params: GroupParams, response: { 204: Type.Null() } } },
    async (request, reply) => {
      if (!(await deleteGroup(ctx, request.params.code))) throw notFound(request.params.code);
      return reply.code(204).send(null);
    },
  );
}
