import type { ClientMetadata } from 'oidc-provider';
import type { IdentityConfig } from '../config.ts';
import { FIRST_PARTY_SCOPE } from '../domain/scopes.ts';
import { SIGNING_ALG } from '../store/signing-keys.store.ts';

/** Client ids of Mercato's own apps: public clients (no secret, PKCE) whose consent is implied. */
export const FIRST_PARTY_CLIENT_IDS: readonly string[] = ['storefront', 'admin'];

/** The storefront and admin apps as static OIDC clients (authorization code + PKCE, refresh tokens). */
export function firstPartyClients(publicUrl: string, config: IdentityConfig): ClientMetadata[] {
  const origins = [publicUrl.replace(/\/$/, ''), ...devOriginsOf(config)];
  const app = (clientId: string, name: string, path: string): ClientMetadata => ({
    client_id: clientId,
    client_name: name,
    application_type: 'web',
    token_endpoint_auth_method: 'none',
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    redirect_uris: origins.map((origin) => `${origin}${path}/callback`),
    post_logout_redirect_uris: origins.map((origin) => `${origin}${path}/`),
    scope: FIRST_PARTY_SCOPE,
    id_token_signed_response_alg: SIGNING_ALG,
  });
  return [app('storefront', 'Mercato storefront', ''), app('admin', 'Mercato admin', '/admin')];
}

function devOriginsOf(config: IdentityConfig): string[] {
  return config.MERCATO_OIDC_DEV_ORIGINS.split(',')
    .map((o) => o.trim().replace(/\/$/, ''))
    .filter(Boolean);
}
