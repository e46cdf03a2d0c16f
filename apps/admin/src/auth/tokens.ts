/** The staff session: tokens in sessionStorage (gone with the tab), with change notifications for React. */
export interface Tokens {
  accessToken: string;
  refreshToken?: string;
  idToken?: string;
  /** Epoch milliseconds when the access token expires. */
  expiresAt: number;
}

const KEY = 'mercato.admin.tokens';
const listeners = new Set<() => void>();
let cached: Tokens | null | undefined;

export function loadTokens(): Tokens | null {
  if (cached !== undefined) return cached;
  try {
    cached = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Tokens | null;
  } catch {
    cached = null;
  }
  return cached;
}

export function saveTokens(tokens: Tokens | null): void {
  cached = tokens;
  if (tokens) sessionStorage.setItem(KEY, JSON.stringify(tokens));
  else sessionStorage.removeItem(KEY);
  for (const listener of listeners) listener();
}

export function subscribeTokens(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The claims of the access token (a JWT), unverified: only for display, the API decides access. */
export function accessClaims(tokens: Tokens): { sub?: string; email?: string; name?: string; roles?: string[] } {
  try {
    const payload = tokens.accessToken.split('.')[1] ?? '';
    return JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as ReturnType<typeof accessClaims>;
  } catch {
    return {};
  }
}
