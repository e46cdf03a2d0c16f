import { ApiError, type GraphQLErrorBody } from './errors.ts';
import { sha256Hex } from './sha256.ts';

/**
 * A tiny GraphQL client for the web BFF with automatic persisted queries: a query is first asked
 * by its hash with GET (cacheable, short URLs); an unknown hash is registered once by a POST
 * carrying the text. Mutations are always POSTed.
 */

type Options = { cartToken?: string | null; signal?: AbortSignal };
type Response<T> = { data?: T | null; errors?: GraphQLErrorBody[] };

const ENDPOINT = '/graphql';
const REGISTERED_KEY = 'mercato.apq';
const registered = new Set<string>(readRegistered());
const hashes = new Map<string, Promise<string | null>>();
let accessToken: () => Promise<string | null> = async () => null;

/** The auth module tells the client how to get the viewer's bearer token (refreshed if needed). */
export function useAccessTokenFrom(provider: () => Promise<string | null>): void {
  accessToken = provider;
}

/** Hashes the server learnt from this tab, kept across reloads so they are asked with GET at once. */
function readRegistered(): string[] {
  try {
    return JSON.parse(sessionStorage.getItem(REGISTERED_KEY) ?? '[]') as string[];
  } catch {
    return [];
  }
}

function remember(hash: string): void {
  registered.add(hash);
  sessionStorage.setItem(REGISTERED_KEY, JSON.stringify([...registered]));
}

function hashOf(query: string): Promise<string | null> {
  let hash = hashes.get(query);
  if (!hash) hashes.set(query, (hash = sha256Hex(query)));
  return hash;
}

async function headersFor(options: Options, json: boolean): Promise<Record<string, string>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (json) headers['content-type'] = 'application/json';
  else headers['mercurius-require-preflight'] = 'true';
  const token = await accessToken();
  if (token) headers.authorization = `Bearer ${token}`;
  if (options.cartToken) headers['cart-token'] = options.cartToken;
  return headers;
}

async function send<T>(method: 'GET' | 'POST', body: Record<string, unknown>, options: Options): Promise<Response<T>> {
  const init: RequestInit = { method, headers: await headersFor(options, method === 'POST'), signal: options.signal };
  let url = ENDPOINT;
  if (method === 'GET') {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(body)) if (value !== undefined) params.set(key, JSON.stringify(value));
    url += `?${params}`;
  } else {
    init.body = JSON.stringify(body);
  }
  const response = await fetch(url, init);
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) throw new ApiError({ message: `The shop answered ${response.status}. Please try again.`, extensions: { status: response.status } });
  const json = (await response.json()) as Response<T> & { detail?: string; title?: string; code?: string; status?: number };
  // A problem+json from the gateway itself (e.g. a body too large) rather than a GraphQL answer.
  if (!('data' in json) && !json.errors) throw new ApiError({ message: json.detail ?? json.title ?? `Error ${response.status}`, extensions: json });
  return json;
}

const isPersistedQueryMiss = (result: Response<unknown>) =>
  result.errors?.some((error) => /PersistedQueryNotFound|PERSISTED_QUERY_NOT_FOUND/.test(`${error.message} ${error.extensions?.code ?? ''}`)) ?? false;

function unwrap<T>(result: Response<T>): T {
  const first = result.errors?.[0];
  if (first) throw new ApiError(first);
  if (!result.data) throw new ApiError({ message: 'The shop sent an empty answer.' });
  return result.data;
}

/** Runs a query: by hash with GET when the server knows it, else POST with the text (which registers the hash). */
export async function query<T>(text: string, variables: Record<string, unknown> = {}, options: Options = {}): Promise<T> {
  const hash = await hashOf(text);
  if (!hash) return unwrap(await send<T>('POST', { query: text, variables }, options));
  const extensions = { persistedQuery: { version: 1, sha256Hash: hash } };
  if (registered.has(hash)) {
    const result = await send<T>('GET', { variables, extensions }, options);
    if (!isPersistedQueryMiss(result)) return unwrap(result);
  }
  const result = await send<T>('POST', { query: text, variables, extensions }, options);
  if (!isPersistedQueryMiss(result)) remember(hash);
  return unwrap(result);
}

/** Runs a mutation (always POST, never cached). */
export async function mutate<T>(text: string, variables: Record<string, unknown> = {}, options: Options = {}): Promise<T> {
  return unwrap(await send<T>('POST', { query: text, variables }, options));
}
