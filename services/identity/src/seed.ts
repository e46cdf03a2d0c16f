import { hashPassword } from './domain/passwords.ts';
import { randomSecret } from './domain/secrets.ts';
import type { Identity } from './identity.ts';
import { createAccount } from './store/accounts.store.ts';
import { createClient } from './store/clients.store.ts';

/** The seeded administrator's email. */
export const ADMIN_EMAIL = 'admin@mercato.local';
/** The seeded demo machine client's id. */
export const DEMO_CLIENT_ID = 'demo-erp';

/**
 * A new installation's first accounts: the administrator and a demo ERP integration. Credentials
 * come from the environment or are generated; the returned line (printed once by the launcher) is
 * the only place they appear.
 */
export async function seedIdentity(identity: Identity): Promise<string> {
  const password = identity.config.MERCATO_ADMIN_PASSWORD ?? randomSecret(15);
  const secret = identity.config.MERCATO_DEMO_CLIENT_SECRET ?? randomSecret();
  await createAccount(identity.ctx, { email: ADMIN_EMAIL, name: 'Administrator', passwordHash: await hashPassword(password), roles: ['admin'] });
  await createClient(identity.db, { id: DEMO_CLIENT_ID, name: 'Demo ERP integration', scopes: ['catalog:read', 'catalog:write'], secret });
  return `Admin login: ${ADMIN_EMAIL} / ${password}  ·  Machine client: ${DEMO_CLIENT_ID} / ${secret}`;
}
