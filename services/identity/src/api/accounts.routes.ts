import { problem, type ServiceApp } from '@mercato/kit';
import { Account, AccountParams, ListQuery, Page, RegisterInput, RolesInput } from './schemas.ts';
import { hashPassword, normalizeEmail } from '../domain/passwords.ts';
import { ADMINS, DEFAULT_ROLES } from '../domain/roles.ts';
import { identityErrors } from '../errors.ts';
import type { Identity } from '../identity.ts';
import { createAccount, findAccountRow, listAccounts, setRoles, toAccount } from '../store/accounts.store.ts';

const tags = ['accounts'];

/** Account routes: self-registration, the signed-in account, and role administration. */
export function accountRoutes(app: ServiceApp, identity: Identity): void {
  const { db } = identity;

  app.post(
    '/api/identity/accounts',
    {
      config: { access: 'public', idempotent: true },
      schema: { tags, summary: 'Register a customer account', body: RegisterInput, response: { 201: Account } },
    },
    async (request, reply) => {
      const { email, password, name } = request.body;
      const account = await createAccount(identity.ctx, { email: normalizeEmail(email), name: name.trim(), passwordHash: await hashPassword(password), roles: DEFAULT_ROLES });
      return reply.code(201).header('location', `/api/identity/accounts/${account.id}`).send(account);
    },
  );

  app.get(
    '/api/identity/me',
    { config: { access: 'authenticated' }, schema: { tags, summary: 'The signed-in account', response: { 200: Account } } },
    async (request) => {
      const row = await findAccountRow(db, request.principal!.sub);
      if (!row) throw problem(identityErrors.accountNotFound, 'The token does not belong to an account');
      return toAccount(row);
    },
  );

  app.get(
    '/api/identity/accounts',
    { config: { access: ADMINS }, schema: { tags, summary: 'List accounts', querystring: ListQuery, response: { 200: Page(Account) } } },
    async (request) => listAccounts(db, request.query),
  );

  app.put(
    '/api/identity/accounts/:id/roles',
    {
      config: { access: ADMINS },
      schema: { tags, summary: "Replace an account's roles (effective in tokens issued from now on)", params: AccountParams, body: RolesInput, response: { 200: Account } },
    },
    async (request) => {
      const account = await setRoles(db, request.params.id, request.body.roles);
      if (!account) throw problem(identityErrors.accountNotFound, `No account ${request.params.id}`);
      return account;
    },
  );
}
