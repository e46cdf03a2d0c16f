import { problem, type ServiceApp } from '@mercato/kit';
import { Type } from '@sinclair/typebox';
import { accountOf } from '../domain/access.ts';
import { customersErrors } from '../errors.ts';
import { createAddress, deleteAddress, findAddress, listAddresses, updateAddress } from '../store/addresses.store.ts';
import type { CustomersContext } from '../store/context.ts';
import { customerOfAccount } from '../store/customers.store.ts';
import { Address, AddressInput, AddressParams, AddressPatch } from './schemas.ts';

const tags = ['me'];

/**
 * The signed-in customer's addresses. Every query is scoped to the caller's profile, so another
 * customer's address id answers 404 exactly like one that does not exist.
 */
export function addressRoutes(app: ServiceApp, ctx: CustomersContext): void {
  const customerId = async (request: { principal: Parameters<typeof accountOf>[0] }) => (await customerOfAccount(ctx, accountOf(request.principal))).id;
  const notFound = (id: string) => problem(customersErrors.addressNotFound, `You have no address ${id}`);

  app.get(
    '/api/customers/me/addresses',
    { config: { access: 'authenticated' }, schema: { tags, summary: 'Your addresses, defaults first', response: { 200: Type.Object({ items: Type.Array(Address) }) } } },
    async (request) => ({ items: await listAddresses(ctx.db, await customerId(request)) }),
  );

  app.post(
    '/api/customers/me/addresses',
    {
      config: { access: 'authenticated', idempotent: true },
      schema: { tags, summary: 'Add an address (the first of its kind becomes the default)', body: AddressInput, response: { 201: Address } },
    },
    async (request, reply) => {
      const address = await createAddress(ctx.db, await customerId(request), request.body);
      return reply.code(201).header('location', `/api/customers/me/addresses/${address.id}`).send(address);
    },
  );

  app.get(
    '/api/customers/me/addresses/:addressId',
    { config: { access: 'authenticated' }, schema: { tags, summary: 'One of your addresses', params: AddressParams, response: { 200: Address } } },
    async (request) => {
      const address = await findAddress(ctx.db, await customerId(request), request.params.addressId);
      if (!address) throw notFound(request.params.addressId);
      return address;
    },
  );

  app.patch(
    '/api/customers/me/addresses/:addressId',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: 'Change one of your addresses; isDefault: true makes it the default of its kind', params: AddressParams, body: AddressPatch, response: { 200: Address } },
    },
    async (request) => {
      const address = await updateAddress(ctx.db, await customerId(request), request.params.addressId, request.body);
      if (!address) throw notFound(request.params.addressId);
      return address;
    },
  );

  app.delete(
    '/api/customers/me/addresses/:addressId',
    { config: { access: 'authenticated' }, schema: { tags, summary: 'Delete one of your addresses', params: AddressParams, response: { 204: Type.Null() } } },
    async (request, reply) => {
      if (!(await deleteAddress(ctx.db, await customerId(request), request.params.addressId))) throw notFound(request.params.addressId);
      return reply.code(204).send(null);
    },
  );
}
