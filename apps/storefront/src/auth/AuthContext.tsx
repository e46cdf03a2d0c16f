import { createContext, use, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { query, useAccessTokenFrom } from '../api/client.ts';
import { VIEWER } from '../api/queries.ts';
import type { Account } from '../api/types.ts';
import { currentAccessToken, notifySessionChange, onSessionChange } from './access-token.ts';
import { clearSession, loadSession, saveSession, type Session } from './session.ts';

useAccessTokenFrom(currentAccessToken);

type Auth = {
  signedIn: boolean;
  /** The signed-in account, once loaded. */
  account: Account | null;
  signIn: (returnTo?: string) => Promise<void>;
  signOut: () => Promise<void>;
  /** The callback page hands the new session over. */
  acceptSession: (session: Session) => void;
};

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [signedIn, setSignedIn] = useState(() => loadSession() !== null);
  const [account, setAccount] = useState<Account | null>(null);

  useEffect(() => onSessionChange(() => setSignedIn(loadSession() !== null)), []);

  useEffect(() => {
    if (!signedIn) return void setAccount(null);
    let live = true;
    query<{ viewer: { account: Account | null } }>(VIEWER)
      .then((data) => live && setAccount(data.viewer.account))
      .catch(() => undefined);
    return () => void (live = false);
  }, [signedIn]);

  const signIn = useCallback(async (returnTo = location.pathname + location.search) => (await import('./oidc.ts')).startSignIn(returnTo), []);

  const signOut = useCallback(async () => {
    const session = loadSession();
    const url = await (await import('./oidc.ts')).endSessionUrl(session);
    clearSession();
    notifySessionChange();
    if (url) location.assign(url);
  }, []);

  const acceptSession = useCallback((session: Session) => {
    saveSession(session);
    notifySessionChange();
  }, []);

  const value = useMemo(() => ({ signedIn, account, signIn, signOut, acceptSession }), [signedIn, account, signIn, signOut, acceptSession]);
  return <AuthContext value={value}>{children}</AuthContext>;
}

export function useAuth(): Auth {
  const auth = use(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}
