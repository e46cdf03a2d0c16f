import { useSyncExternalStore } from 'react';
import { loadTokens, subscribeTokens, type Tokens } from './tokens.ts';

/** The current tokens (null when signed out), re-rendering on sign-in, refresh and sign-out. */
export function useSession(): Tokens | null {
  return useSyncExternalStore(subscribeTokens, loadTokens, () => null);
}
