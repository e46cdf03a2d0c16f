import { etag, expectedVersion, IfMatchHeaders, problem, type ServiceApp, staleVersion } from '@mercato/kit';
import { accountOf } from '../domain/access.ts';
import { customersErrors } from '../errors.ts';
import type { CustomersContext } from '../store/context.ts';
import { customerOfAccount, updateCustomer } from '../store/customers.store.ts';
import { Customer, ProfilePatch } from './schemas.ts';

const tags = ['me'];

/** The signed-in customer's own profile (created on first use for accounts older than the registration event). */
export function meRoutes(app: ServiceApp, ctx: CustomersContext): void {
  app.get(
    '/api/customers/me',
    { config: { access: 'authenticated' }, schema: { tags, summary: 'Your customer profile', response: { 200: Customer } } },
    async (request, reply) => {
      const customer = await customerOfAccount(ctx, accountOf(request.principal));
      reply.header('etag', etag(customer.version));
      return customer;
    },
  );

  app.patch(
    '/api/customers/me',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: 'Change your profile (If-Match required)', headers: IfMatchHeaders, body: ProfilePatch, response: { 200: Customer } },
    },
    async (request, reply) => {
      const expected = expectedVersion(request.headers['if-match'], true);
      const { id } = await customerOfAccount(ctx, accountOf(request.principal));
      const result = await updateCustomer(ctx, id, expected, request.body);
      if (!result) throw problem(customersErrors.customerNotFound, 'Your profile no longer exists');
      if (result === 'stale') throw staleVersion('profile');
      reply.header('etag', etag(result.version));
      return result;
    },
  );
}
