/** The signed-in session's tokens, kept in sessionStorage (gone with the tab; never in localStorage). */

export type Session = { accessToken: string; refreshToken: string | null; idToken: string | null; expiresAt: number };

/** What the callback needs to finish a sign-in started in this tab. */
export type PendingSignIn = { state: string; codeVerifier: string; nonce: string; returnTo: string };

const SESSION_KEY = 'mercato.session';
const PENDING_KEY = 'mercato.oidc.pending';

function read<T>(key: string): T | null {
  try {
    const raw = sessionStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

export const loadSession = () => read<Session>(SESSION_KEY);
export const saveSession = (session: Session) => sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
export const clearSession = () => sessionStorage.removeItem(SESSION_KEY);

export const loadPendingSignIn = () => read<PendingSignIn>(PENDING_KEY);
export const savePendingSignIn = (pending: PendingSignIn) => sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
export const clearPendingSignIn = () => sessionStorage.removeItem(PENDING_KEY);
