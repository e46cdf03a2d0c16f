/**
 * Calls through the gateway as a staff user: MERCATO_TOKEN, or a login with MERCATO_ADMIN_EMAIL
 * (default admin@mercato.local) and MERCATO_ADMIN_PASSWORD, renewed when the token expires.
 */
export class GatewaySession {
  private bearer: string | undefined = process.env.MERCATO_TOKEN;

  constructor(readonly base: string) {}

  /** Sends a request with the staff token; a 401 after a login is retried once with a fresh token. */
  async fetch(path: string, init: RequestInit = {}, retryUnauthorized = true): Promise<Response> {
    const send = async () => fetch(this.base + path, { ...init, headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${await this.token()}` } });
    const response = await send();
    if (response.status !== 401 || !retryUnauthorized || process.env.MERCATO_TOKEN) return response;
    await response.body?.cancel();
    this.bearer = undefined;
    return send();
  }

  /** A JSON answer, or an error naming the call and the problem it got. */
  async json<T>(path: string, init: RequestInit = {}): Promise<T> {
    const response = await this.fetch(path, init);
    if (!response.ok) throw await callError(init.method ?? 'GET', path, response);
    return (await response.json()) as T;
  }

  private async token(): Promise<string> {
    if (this.bearer) return this.bearer;
    const { MERCATO_ADMIN_EMAIL: email = 'admin@mercato.local', MERCATO_ADMIN_PASSWORD: password } = process.env;
    if (!password) throw new Error('set MERCATO_TOKEN, or MERCATO_ADMIN_PASSWORD (and MERCATO_ADMIN_EMAIL)');
    const response = await fetch(`${this.base}/api/identity/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    if (!response.ok) throw await callError('POST', '/api/identity/login', response);
    this.bearer = ((await response.json()) as { access_token: string }).access_token;
    return this.bearer;
  }
}

/** An error for a non-2xx answer, with the problem's detail when there is one. */
export async function callError(method: string, path: string, response: Response): Promise<Error> {
  const text = await response.text();
  let detail = text;
  try {
    const problem = JSON.parse(text) as { code?: string; detail?: string; title?: string };
    detail = [problem.code, problem.detail ?? problem.title].filter(Boolean).join(': ');
  } catch {
    /* not JSON */
  }
  return new Error(`${method} ${path}: ${response.status} ${detail}`.trim());
}

/** The gateway's URL: `--url`, MERCATO_URL, or the local default. */
export function gatewayUrl(option: string | undefined): string {
  return (option ?? process.env.MERCATO_URL ?? 'http://127.0.0.1:8080').replace(/\/+$/, '');
}
