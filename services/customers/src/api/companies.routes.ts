import { etag, expectedVersion, IfMatchHeaders, problem, type ServiceApp, staleVersion } from '@mercato/kit';
import { CUSTOMER_MANAGERS } from '../domain/access.ts';
import { customersErrors } from '../errors.ts';
import { createCompany, findCompany, listCompanies, updateCompany } from '../store/companies.store.ts';
import type { CustomersContext } from '../store/context.ts';
import { Company, CompanyInput, CompanyListQuery, CompanyPatch, IdParams, Page } from './schemas.ts';

const tags = ['companies'];

/** B2B companies (staff): their buyers share the company's group. Buyers are linked on the customer. */
export function companyRoutes(app: ServiceApp, ctx: CustomersContext): void {
  const notFound = (id: string) => problem(customersErrors.companyNotFound, `No company ${id}`);

  app.get(
    '/api/customers/companies',
    { config: { access: CUSTOMER_MANAGERS }, schema: { tags, summary: 'List or search companies', querystring: CompanyListQuery, response: { 200: Page(Company) } } },
    async (request) => listCompanies(ctx.db, request.query),
  );

  app.post(
    '/api/customers/companies',
    { config: { access: CUSTOMER_MANAGERS, idempotent: true }, schema: { tags, summary: 'Create a company', body: CompanyInput, response: { 201: Company } } },
    async (request, reply) => {
      const company = await createCompany(ctx, request.body);
      return reply.code(201).header('location', `/api/customers/companies/${company.id}`).header('etag', etag(company.version)).send(company);
    },
  );

  app.get(
    '/api/customers/companies/:id',
    { config: { access: CUSTOMER_MANAGERS }, schema: { tags, summary: 'Get a company', params: IdParams, response: { 200: Company } } },
    async (request, reply) => {
      const company = await findCompany(ctx.db, request.params.id);
      if (!company) throw notFound(request.params.id);
      reply.header('etag', etag(company.version));
      return company;
    },
  );

  app.patch(
    '/api/customers/companies/:id',
    {
      config: { access: CUSTOMER_MANAGERS },
      schema: {
        tags,
        summary: 'Change a company (If-Match required); a new group re-publishes every buyer',
        params: IdParams,
        headers: IfMatchHeaders,
        body: CompanyPatch,
        response: { 200: Company },
      },
    },
    async (request, reply) => {
      const expected = expectedVersion(request.headers['if-match'], true);
      const result = await updateCompany(ctx, request.params.id, expected, request.body);
      if (!result) throw notFound(request.params.id);
      if (result === 'stale') throw staleVersion('company');
      reply.header('etag', etag(result.version));
      return result;
    },
  );
}
