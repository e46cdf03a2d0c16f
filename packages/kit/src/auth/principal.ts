/** Who is calling: a person (with roles) or a machine client (with scopes), from a verified token. */
export interface Principal {
  /** Subject: the account id for a person, the client id for a machine client. */
  sub: string;
  clientId: string | undefined;
  roles: readonly string[];
  scopes: readonly string[];
  /** True for client_credentials tokens (no person behind them). */
  machine: boolean;
}

/**
 * Who may call a route. Every route declares one:
 * - `'public'`: anyone, with or without a token (a token, if sent, must still be valid);
 * - `'authenticated'`: any valid token;
 * - `{ roles, scopes, services }`: a token with at least one of the roles or one of the scopes, or
 *   (with `services: true`) a call from another service the topology allows;
 * - `'internal'`: only another service, through the topology-checked transport.
 */
export type Access =
  | 'public'
  | 'authenticated'
  | 'internal'
  | { roles?: readonly string[]; scopes?: readonly string[]; services?: boolean };

/** Staff roles with full rights everywhere. */
export const SUPER_ROLES: readonly string[] = ['admin'];

/** Whether the principal satisfies a role/scope requirement. */
export function satisfies(principal: Principal, need: { roles?: readonly string[]; scopes?: readonly string[] }): boolean {
  if (principal.roles.some((r) => SUPER_ROLES.includes(r))) return true;
  if (need.roles?.some((r) => principal.roles.includes(r))) return true;
  if (need.scopes?.some((s) => principal.scopes.includes(s))) return true;
  return false;
}

/** A short human description of an access rule, for the API docs. */
export function describeAccess(access: Access): string {
  if (access === 'public') return 'Public: no token needed.';
  if (access === 'authenticated') return 'Any signed-in caller (valid access token).';
  if (access === 'internal') return 'Internal: callable only by services the topology allows.';
  const parts = [];
  if (access.roles?.length) parts.push(`roles: ${[...new Set([...SUPER_ROLES, ...access.roles])].join(', ')}`);
  if (access.scopes?.length) parts.push(`scopes: ${access.scopes.join(', ')}`);
  if (access.services) parts.push('a call from another service');
  return `Requires ${parts.join(' or ')}.`;
}
