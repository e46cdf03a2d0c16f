import { problem, kitErrors, type ServiceApp } from '@mercato/kit';
import { Type } from '@sinclair/typebox';
import { PRICING_MANAGERS } from '../domain/access.ts';
import type { PricingContext } from '../store/context.ts';
import {
  deleteCategoryTaxClass,
  deleteTaxClass,
  deleteTaxRate,
  deleteTaxZone,
  listCategoryTaxClasses,
  listTaxClasses,
  listTaxRates,
  listTaxZones,
  putCategoryTaxClass,
  putTaxClass,
  putTaxRate,
  putTaxZone,
} from '../store/taxes.store.ts';
import {
  CategoryParams,
  CategoryTaxClass,
  CategoryTaxClassInput,
  CodeParams,
  TaxClass,
  TaxClassInput,
  TaxRate,
  TaxRateInput,
  TaxRateParams,
  TaxZone,
  TaxZoneInput,
} from './schemas.ts';

const tags = ['taxes'];
const access = PRICING_MANAGERS;
const items = <T extends Parameters<typeof Type.Array>[0]>(item: T) => ({ 200: Type.Object({ items: Type.Array(item) }) });
const gone = (what: string) => problem(kitErrors.notFound, `No such ${what}`);

/** Tax classes, zones (countries), rates in basis points, and which categories use which class. */
export function taxRoutes(app: ServiceApp, ctx: PricingContext): void {
  app.get('/api/pricing/tax-classes', { config: { access }, schema: { tags, summary: 'List tax classes', response: items(TaxClass) } }, async () => ({
    items: await listTaxClasses(ctx.db),
  }));
  app.put(
    '/api/pricing/tax-classes/:code',
    { config: { access }, schema: { tags, summary: 'Create or rename a tax class', params: CodeParams, body: TaxClassInput, response: { 200: TaxClass } } },
    async (request) => putTaxClass(ctx.db, request.params.code, request.body),
  );
  app.delete(
    '/api/pricing/tax-classes/:code',
    { config: { access }, schema: { tags, summary: 'Delete an unused tax class', params: CodeParams, response: { 204: Type.Null() } } },
    async (request, reply) => {
      if (!(await deleteTaxClass(ctx.db, request.params.code))) throw gone('tax class');
      return reply.code(204).send(null);
    },
  );

  app.get('/api/pricing/tax-zones', { config: { access }, schema: { tags, summary: 'List tax zones', response: items(TaxZone) } }, async () => ({
    items: await listTaxZones(ctx.db),
  }));
  app.put(
    '/api/pricing/tax-zones/:code',
    { config: { access }, schema: { tags, summary: 'Create or replace a tax zone and its countries', params: CodeParams, body: TaxZoneInput, response: { 200: TaxZone } } },
    async (request) => putTaxZone(ctx.db, request.params.code, request.body),
  );
  app.delete(
    '/api/pricing/tax-zones/:code',
    { config: { access }, schema: { tags, summary: 'Delete a tax zone with its rates and shipping rates', params: CodeParams, response: { 204: Type.Null() } } },
    async (request, reply) => {
      if (!(await deleteTaxZone(ctx.db, request.params.code))) throw gone('tax zone');
      return reply.code(204).send(null);
    },
  );

  app.get('/api/pricing/tax-rates', { config: { access }, schema: { tags, summary: 'List tax rates', response: items(TaxRate) } }, async () => ({
    items: await listTaxRates(ctx.db),
  }));
  app.put(
    '/api/pricing/tax-rates/:zone/:taxClass',
    { config: { access }, schema: { tags, summary: 'Set the rate of a class in a zone', params: TaxRateParams, body: TaxRateInput, response: { 200: TaxRate } } },
    async (request) => putTaxRate(ctx.db, request.params.zone, request.params.taxClass, request.body.rateBp),
  );
  app.delete(
    '/api/pricing/tax-rates/:zone/:taxClass',
    { config: { access }, schema: { tags, summary: 'Remove a rate', params: TaxRateParams, response: { 204: Type.Null() } } },
    async (request, reply) => {
      if (!(await deleteTaxRate(ctx.db, request.params.zone, request.params.taxClass))) throw gone('tax rate');
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/pricing/category-tax-classes',
    { config: { access }, schema: { tags, summary: 'List category → tax class mappings', response: items(CategoryTaxClass) } },
    async () => ({ items: await listCategoryTaxClasses(ctx.db) }),
  );
  app.put(
    '/api/pricing/category-tax-classes/:categoryId',
    {
      config: { access },
      schema: { tags, summary: "Set a category's tax class (descendants inherit it)", params: CategoryParams, body: CategoryTaxClassInput, response: { 200: CategoryTaxClass } },
    },
    async (request) => putCategoryTaxClass(ctx.db, request.params.categoryId, request.body.taxClass),
  );
  app.delete(
    '/api/pricing/category-tax-classes/:categoryId',
    { config: { access }, schema: { tags, summary: "Remove a category's tax class", params: CategoryParams, response: { 204: Type.Null() } } },
    async (request, reply) => {
      if (!(await deleteCategoryTaxClass(ctx.db, request.params.categoryId))) throw gone('category mapping');
      return reply.code(204).send(null);
    },
  );
}
