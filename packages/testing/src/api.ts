import assert from 'node:assert/strict';

/** The administrator every test platform seeds (`startPlatform` passes this password). */
export const ADMIN = { email: 'admin@mercato.local', password: 'admin-password-for-tests' };

/** A parsed HTTP answer. */
export interface Answer {
  status: number;
  headers: Headers;
  body: any;
}

/** A JSON request against the platform's public origin. */
export async function call(base: string, method: string, path: string, options: { token?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Answer> {
  const response = await fetch(base + path, {
    method,
    headers: {
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    ...(options.body !== undefined ? { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) } : {}),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON */
  }
  return { status: response.status, headers: response.headers, body };
}

/** Logs in through the first-party login API and returns the access token. */
export async function login(base: string, email: string, password: string): Promise<string> {
  const answer = await call(base, 'POST', '/api/identity/login', { body: { email, password } });
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return answer.body.access_token as string;
}

/** Asserts an RFC 9457 problem answer with the given status (and code, when given). */
export function assertProblem(answer: Answer, status: number, code?: string): void {
  assert.equal(answer.status, status, JSON.stringify(answer.body));
  assert.match(answer.headers.get('content-type') ?? '', /^application\/problem\+json/);
  assert.equal(answer.body.status, status);
  assert.match(answer.body.type, /^https:\/\/mercato\.dev\/problems\//);
  if (code) assert.equal(answer.body.code, code);
}
