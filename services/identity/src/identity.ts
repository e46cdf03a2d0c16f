import type { ServiceContext } from '@mercato/kit';
import type { Kysely } from 'kysely';
import { loadConfig, type IdentityConfig } from './config.ts';
import { lockoutPolicy, type LockoutPolicy } from './domain/lockout.ts';
import { randomSecret } from './domain/secrets.ts';
import { ProviderHost } from './oidc/provider-host.ts';
import { sharedSetting } from './store/settings.store.ts';
import { ensureSigningKey } from './store/signing-keys.store.ts';
import type { IdentityTables } from './store/tables.ts';

/** Everything identity's handlers share: context, parsed config and the OpenID provider. */
export interface Identity {
  ctx: ServiceContext<IdentityTables>;
  db: Kysely<IdentityTables>;
  config: IdentityConfig;
  lockout: LockoutPolicy;
  oidc: ProviderHost;
}

const instances = new WeakMap<object, Promise<Identity>>();

/** The identity of a running service instance, created on first use (routes, seed, start share it). */
export function identityOf(ctx: ServiceContext<IdentityTables>): Promise<Identity> {
  let identity = instances.get(ctx);
  if (!identity) instances.set(ctx, (identity = createIdentity(ctx)));
  return identity;
}

/** Sets identity up at start: configuration, the first signing key, cookie keys, the provider. */
export async function createIdentity(ctx: ServiceContext<IdentityTables>): Promise<Identity> {
  const config = loadConfig(ctx.env);
  const db = ctx.db;
  await ensureSigningKey(db);
  const cookieKeys = config.MERCATO_IDENTITY_COOKIE_KEYS?.split(',').filter(Boolean) ?? [await sharedSetting(db, 'cookie_key', () => randomSecret())];
  const oidc = new ProviderHost({ db, config, publicUrl: ctx.publicUrl, cookieKeys, log: ctx.log }, config.MERCATO_KEY_RELOAD_S * 1000);
  await oidc.reload();
  return { ctx, db, config, lockout: lockoutPolicy(config), oidc };
}
