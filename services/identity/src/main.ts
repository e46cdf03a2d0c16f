import { identityEvents } from '@mercato/contracts';
import { defineService } from '@mercato/kit';
import { migrations } from '../migrations/index.ts';
import { accountRoutes } from './api/accounts.routes.ts';
import { adminRoutes } from './api/admin.routes.ts';
import { sessionRoutes } from './api/session.routes.ts';
import { identityOf } from './identity.ts';
import { oidcRoutes } from './oidc/oidc.routes.ts';
import { seedIdentity } from './seed.ts';
import { sweep } from './store/housekeeping.ts';
import { publishedJwks } from './store/signing-keys.store.ts';
import type { IdentityTables } from './store/tables.ts';

/** Identity: accounts, roles, machine clients, and the platform's OpenID Connect provider. */
export default defineService<IdentityTables>({
  name: 'identity',
  description: 'Accounts, credentials, roles and API clients; the OpenID Connect provider (discovery, JWKS, tokens).',
  migrations,
  publishes: identityEvents,
  async routes(app, ctx) {
    const identity = await identityOf(ctx);
    accountRoutes(app, identity);
    sessionRoutes(app, identity);
    adminRoutes(app, identity);
    await oidcRoutes(app, identity);
  },
  seed: async (ctx) => seedIdentity(await identityOf(ctx)),
  // Identity verifies tokens with its own keys, read from its database: no call to itself.
  jwks: (ctx) => () => publishedJwks(ctx.db),
  async start(ctx) {
    const { config } = await identityOf(ctx);
    const timer = setInterval(() => void sweep(ctx.db, config.MERCATO_LOGIN_WINDOW_S * 1000).catch((err) => ctx.log.warn({ err }, 'sweep failed')), 10 * 60_000);
    timer.unref();
    ctx.onClose(() => clearInterval(timer));
  },
});
