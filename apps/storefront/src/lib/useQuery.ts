import { useCallback, useEffect, useRef, useState } from 'react';
import { query } from '../api/client.ts';

type Options = { skip?: boolean; cartToken?: string | null; /** Refetch this often while the page is visible. */ pollMs?: number };
export type QueryState<T> = { data: T | undefined; error: unknown; loading: boolean; refetch: () => Promise<void> };

/**
 * Runs a GraphQL query for a component; the last data stays shown while new variables load
 * (so a listing does not flash empty when a facet is ticked). Stale answers are dropped.
 */
export function useQuery<T>(text: string, variables: Record<string, unknown> = {}, options: Options = {}): QueryState<T> {
  const key = JSON.stringify(variables);
  const [state, setState] = useState<{ data: T | undefined; error: unknown; loading: boolean }>({ data: undefined, error: undefined, loading: !options.skip });
  const latest = useRef(0);

  const run = useCallback(
    async (quiet: boolean) => {
      const ticket = ++latest.current;
      if (!quiet) setState((previous) => ({ ...previous, loading: true }));
      try {
        const data = await query<T>(text, JSON.parse(key) as Record<string, unknown>, { cartToken: options.cartToken });
        if (ticket === latest.current) setState({ data, error: undefined, loading: false });
      } catch (error) {
        if (ticket === latest.current) setState((previous) => ({ data: quiet ? previous.data : undefined, error, loading: false }));
      }
    },
    [text, key, options.cartToken],
  );

  useEffect(() => {
    if (options.skip) return;
    void run(false);
  }, [run, options.skip]);

  useEffect(() => {
    if (options.skip || !options.pollMs) return;
    const poll = () => document.visibilityState === 'visible' && void run(true);
    const timer = setInterval(poll, options.pollMs);
    document.addEventListener('visibilitychange', poll);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', poll);
    };
  }, [run, options.skip, options.pollMs]);

  const refetch = useCallback(() => run(true), [run]);
  return { ...state, refetch };
}
