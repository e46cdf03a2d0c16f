import { clearSession, loadSession, saveSession } from './session.ts';

/** Refresh a little before expiry, so a token never expires in flight. */
const EARLY_MS = 30_000;
let refreshing: Promise<string | null> | undefined;
const listeners = new Set<() => void>();

/** Called when the session changes outside React (refreshed, or dropped because refresh failed). */
export function onSessionChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export const notifySessionChange = () => listeners.forEach((listener) => listener());

/** The bearer token to send, refreshed when needed (one refresh at a time); null for a guest. */
export async function currentAccessToken(): Promise<string | null> {
  const session = loadSession();
  if (!session) return null;
  if (session.expiresAt - EARLY_MS > Date.now()) return session.accessToken;
  if (!session.refreshToken) {
    clearSession();
    notifySessionChange();
    return null;
  }
  // oauth4webapi is loaded only when a sign-in, refresh or sign-out needs it.
  refreshing ??= import('./oidc.ts')
    .then(({ refreshSession }) => refreshSession(session))
    .then((fresh) => {
      saveSession(fresh);
      return fresh.accessToken;
    })
    .catch(() => {
      clearSession();
      notifySessionChange();
      return null;
    })
    .finally(() => (refreshing = undefined));
  return refreshing;
}
