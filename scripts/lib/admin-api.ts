/**
 * The platform's API as the operator scripts call it: `MERCATO_URL` (default localhost:8080), with a
 * token from MERCATO_TOKEN or a login with MERCATO_ADMIN_PASSWORD (and MERCATO_ADMIN_EMAIL).
 */
export const base = process.env.MERCATO_URL ?? 'http://localhost:8080';

export async function call(method: string, path: string, bearer?: string, body?: unknown): Promise<any> {
  const response = await fetch(base + path, {
    method,
    headers: { ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const parsed = await response.json();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(parsed)}`);
  return parsed;
}

export async function token(): Promise<string> {
  if (process.env.MERCATO_TOKEN) return process.env.MERCATO_TOKEN;
  const { MERCATO_ADMIN_EMAIL: email = 'admin@mercato.local', MERCATO_ADMIN_PASSWORD: password } = process.env;
  if (!password) throw new Error('set MERCATO_TOKEN, or MERCATO_ADMIN_PASSWORD (and MERCATO_ADMIN_EMAIL)');
  return (await call('POST', '/api/identity/login', undefined, { email, password })).access_token;
}
