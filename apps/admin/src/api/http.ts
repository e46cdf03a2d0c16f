import { refreshTokens } from '../auth/oidc.ts';
import { loadTokens, saveTokens, type Tokens } from '../auth/tokens.ts';
import { ApiError, type Problem } from './problem.ts';

export interface RequestOptions {
  method?: string;
  /** JSON-encoded unless it is a string or Blob (then sent as is, with `contentType`). */
  body?: unknown;
  contentType?: string;
  /** The version the change is based on: sent as `If-Match: "<version>"`. */
  version?: number;
  signal?: AbortSignal;
}

/** Renew this long before expiry, so a request never leaves with a token about to lapse. */
const REFRESH_MARGIN_MS = 30_000;
let refreshing: Promise<Tokens | null> | undefined;

function renew(tokens: Tokens): Promise<Tokens | null> {
  refreshing ??= refreshTokens(tokens).finally(() => {
    refreshing = undefined;
  });
  return refreshing;
}

async function currentToken(): Promise<Tokens | null> {
  const tokens = loadTokens();
  if (tokens && tokens.expiresAt - Date.now() < REFRESH_MARGIN_MS && tokens.refreshToken) return (await renew(tokens)) ?? tokens;
  return tokens;
}

function send(path: string, options: RequestOptions, tokens: Tokens | null): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json, text/plain;q=0.9' };
  if (tokens) headers.authorization = `Bearer ${tokens.accessToken}`;
  if (options.version !== undefined) headers['if-match'] = `"${options.version}"`;
  let body: BodyInit | undefined;
  if (typeof options.body === 'string' || options.body instanceof Blob) {
    body = options.body;
    headers['content-type'] = options.contentType ?? 'text/plain';
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  }
  return fetch(path, { method: options.method ?? 'GET', headers, body, signal: options.signal });
}

async function problemFrom(response: Response): Promise<Problem> {
  const text = await response.text();
  try {
    const parsed = JSON.parse(text) as Problem;
    if (parsed && typeof parsed === 'object' && 'status' in parsed) return parsed;
  } catch {
    // not JSON: fall through to a problem made from the status line
  }
  return { title: response.statusText || `HTTP ${response.status}`, status: response.status, detail: text.slice(0, 300) || undefined };
}

/**
 * Calls the gateway with the staff token: renews it shortly before expiry and once more on a 401;
 * a session that cannot be renewed is signed out. Non-2xx answers throw an ApiError.
 */
export async function request(path: string, options: RequestOptions = {}): Promise<Response> {
  let tokens = await currentToken();
  let response = await send(path, options, tokens);
  if (response.status === 401 && tokens) {
    tokens = await renew(tokens);
    if (!tokens) {
      saveTokens(null);
      throw new ApiError(await problemFrom(response));
    }
    response = await send(path, options, tokens);
  }
  if (!response.ok) throw new ApiError(await problemFrom(response));
  return response;
}

/** A JSON call (undefined for 204). */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await request(path, options);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** A query string from the defined, non-empty values. */
export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}
