import { etag, expectedVersion, IfMatchHeaders, problem, type ServiceApp, staleVersion } from '@mercato/kit';
import { Type } from '@sinclair/typebox';
import { CUSTOMER_MANAGERS } from '../domain/access.ts';
import { customersErrors } from '../errors.ts';
import { listAddresses } from '../store/addresses.store.ts';
import type { CustomersContext } from '../store/context.ts';
import { findCustomer, listCustomers, updateCustomer } from '../store/customers.store.ts';
import { Address, Customer, CustomerListQuery, CustomerPatch, IdParams, Page } from './schemas.ts';

const tags = ['customers'];

/** Staff routes over every customer: search, read, assign groups and companies. */
export function customerRoutes(app: ServiceApp, ctx: CustomersContext): void {
  const notFound = (id: string) => problem(customersErrors.customerNotFound, `No customer ${id}`);

  app.get(
    '/api/customers/customers',
    {
      config: { access: CUSTOMER_MANAGERS },
      schema: { tags, summary: 'List or search customers (by name/email, effective group, company)', querystring: CustomerListQuery, response: { 200: Page(Customer) } },
    },
    async (request) => listCustomers(ctx.db, request.query),
  );

  app.get(
    '/api/customers/customers/:id',
    { config: { access: CUSTOMER_MANAGERS }, schema: { tags, summary: 'Get a customer', params: IdParams, response: { 200: Customer } } },
    async (request, reply) => {
      const customer = await findCustomer(ctx.db, request.params.id);
      if (!customer) throw notFound(request.params.id);
      reply.header('etag', etag(customer.version));
      return customer;
    },
  );

  app.patch(
    '/api/customers/customers/:id',
    {
      config: { access: CUSTOMER_MANAGERS },
      schema: {
        tags,
        summary: "Change a customer's profile, groups or company (If-Match required)",
        params: IdParams,
        headers: IfMatchHeaders,
        body: CustomerPatch,
        response: { 200: Customer },
      },
    },
    async (request, reply) => {
      const expected = expectedVersion(request.headers['if-match'], true);
      const result = await updateCustomer(ctx, request.params.id, expected, request.body);
      if (!result) throw notFound(request.params.id);
      if (result === 'stale') throw staleVersion('customer');
      reply.header('etag', etag(result.version));
      return result;
    },
  );

  app.get(
    '/api/customers/customers/:id/addresses',
    { config: { access: CUSTOMER_MANAGERS }, schema: { tags, summary: "A customer's addresses", params: IdParams, response: { 200: Type.Object({ items: Type.Array(Address) }) } } },
    async (request) => {
      if (!(await findCustomer(ctx.db, request.params.id))) throw notFound(request.params.id);
      return { items: await listAddresses(ctx.db, request.params.id) };
    },
  );
}
