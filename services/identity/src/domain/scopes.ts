/** The API areas machine clients can be granted read/write access to. */
const AREAS = ['catalog', 'customers', 'pricing', 'inventory', 'cart', 'checkout', 'orders', 'payments', 'search', 'notifications'];

/** Every scope a machine client can hold, e.g. `catalog:read`. */
export const API_SCOPES: readonly string[] = [
  ...AREAS.flatMap((area) => [`${area}:read`, `${area}:write`]),
  // Narrower grants for services that only act on one thing (checkout holding stock).
  'inventory:reserve',
];

/** OpenID scopes the first-party apps ask for. */
export const OIDC_SCOPES = ['openid', 'profile', 'email', 'offline_access'] as const;

/** The scope the first-party login API puts in its tokens (as the apps get through OIDC). */
export const FIRST_PARTY_SCOPE = OIDC_SCOPES.join(' ');

/** `client_id` of tokens issued by the first-party login API. */
export const FIRST_PARTY_CLIENT_ID = 'mercato-first-party';
