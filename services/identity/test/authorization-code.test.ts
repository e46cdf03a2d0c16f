import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import type { TestService } from '@mercato/testing';
import { CookieJar } from './cookie-jar.ts';
import { ISSUER, PASSWORD, form, register, startIdentity, uniqueEmail, verifierFor } from './helpers.ts';

let identity: TestService;
before(async () => {
  identity = await startIdentity();
});
after(() => identity.stop());

const REDIRECT_URI = `${ISSUER}/callback`;
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/** A browser-like GET/POST through inject, carrying cookies; `url` may be absolute (the issuer's). */
async function browse(jar: CookieJar, method: 'GET' | 'POST', url: string, payload?: string) {
  const path = url.startsWith(ISSUER) ? url.slice(ISSUER.length) : url;
  const response = await identity.inject({
    method,
    url: path,
    headers: { cookie: jar.header(path), accept: 'text/html', ...(payload !== undefined ? FORM : {}) },
    ...(payload !== undefined ? { payload } : {}),
  });
  jar.take(response);
  return response;
}

function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

function authorizeUrl(challenge: string | undefined, state: string): string {
  // OIDC Core §11: offline_access (a refresh token) is only granted with prompt=consent; identity
  // approves consent for its own apps without showing a page.
  const params = new URLSearchParams({ client_id: 'storefront', response_type: 'code', redirect_uri: REDIRECT_URI, scope: 'openid offline_access', prompt: 'consent', state });
  if (challenge) params.set('code_challenge', challenge), params.set('code_challenge_method', 'S256');
  return `/oidc/auth?${params}`;
}

function tokenEndpoint(body: Record<string, string>) {
  return identity.inject({ method: 'POST', url: '/oidc/token', headers: FORM, payload: form(body) });
}

/** Drives the browser part: authorize, sign-in page, form post, implied consent, back to the app. */
async function signIn(email: string, state = 'state-123') {
  const jar = new CookieJar();
  const { verifier, challenge } = pkce();
  const start = await browse(jar, 'GET', authorizeUrl(challenge, state));
  assert.equal(start.statusCode, 303, start.body);
  const interaction = String(start.headers.location);
  assert.match(interaction, /^\/oidc\/interaction\/[\w-]+$/);

  const page = await browse(jar, 'GET', interaction);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /<label for="email">Email<\/label>/);
  assert.match(page.body, /<label for="password">Password<\/label>/);
  assert.equal(page.body.match(/<button/g)?.length, 1);

  const wrong = await browse(jar, 'POST', `${interaction}/login`, form({ email, password: 'not the password' }));
  assert.equal(wrong.statusCode, 401);
  assert.match(wrong.body, /role="alert"/);

  const signedIn = await browse(jar, 'POST', `${interaction}/login`, form({ email, password: PASSWORD }));
  assert.equal(signedIn.statusCode, 303, signedIn.body);
  // Resume → implied consent (one more interaction, answered without a page) → resume → the app.
  let location = String(signedIn.headers.location);
  for (let hop = 0; hop < 4 && !location.startsWith(REDIRECT_URI); hop++) {
    const next = await browse(jar, 'GET', location);
    assert.equal(next.statusCode, 303, next.body);
    location = String(next.headers.location);
  }
  const callback = new URL(location);
  assert.equal(`${callback.origin}${callback.pathname}`, REDIRECT_URI);
  assert.equal(callback.searchParams.get('state'), state);
  assert.equal(callback.searchParams.get('iss'), ISSUER);
  const code = callback.searchParams.get('code')!;
  return { request: { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, client_id: 'storefront' }, verifier };
}

const refresh = (token: string) => tokenEndpoint({ grant_type: 'refresh_token', client_id: 'storefront', refresh_token: token });

test('authorization code + PKCE: sign-in page, code, tokens, rotating refresh', async () => {
  const email = uniqueEmail('browser');
  const account = (await register(identity, email)).json();
  const { request, verifier } = await signIn(email);

  assert.equal((await tokenEndpoint(request)).statusCode, 400, 'the code_verifier is required');
  const tokens = await tokenEndpoint({ ...request, code_verifier: verifier });
  assert.equal(tokens.statusCode, 200, tokens.body);
  const body = tokens.json();
  assert.ok(body.id_token && body.refresh_token, JSON.stringify(body));
  const principal = await verifierFor(identity).verify(body.access_token);
  assert.deepEqual({ ...principal, scopes: [...principal.scopes].sort() }, {
    sub: account.id,
    clientId: 'storefront',
    roles: ['customer'],
    scopes: ['offline_access', 'openid'],
    machine: false,
  });

  const rotated = await refresh(body.refresh_token);
  assert.equal(rotated.statusCode, 200, rotated.body);
  assert.notEqual(rotated.json().refresh_token, body.refresh_token);
  await verifierFor(identity).verify(rotated.json().access_token);
  const old = await refresh(body.refresh_token);
  assert.equal(old.statusCode, 400);
  assert.equal(old.json().error, 'invalid_grant');

  // A code works once; replaying it revokes what was issued from it (RFC 6749 §4.1.2).
  const fresh = await signIn(email, 'again');
  const second = (await tokenEndpoint({ ...fresh.request, code_verifier: fresh.verifier })).json();
  assert.equal((await tokenEndpoint({ ...fresh.request, code_verifier: fresh.verifier })).statusCode, 400);
  assert.equal((await refresh(second.refresh_token)).statusCode, 400);
});

test('the app signs out by revoking its refresh token (RFC 7009)', async () => {
  const email = uniqueEmail('revoke');
  await register(identity, email);
  const { request, verifier } = await signIn(email, 'revoke');
  const { refresh_token } = (await tokenEndpoint({ ...request, code_verifier: verifier })).json();
  const revoked = await identity.inject({ method: 'POST', url: '/oidc/token/revocation', headers: FORM, payload: form({ token: refresh_token, client_id: 'storefront' }) });
  assert.equal(revoked.statusCode, 200, revoked.body);
  assert.equal((await refresh(refresh_token)).statusCode, 400);
});

test('the storefront must use PKCE', async () => {
  const response = await browse(new CookieJar(), 'GET', authorizeUrl(undefined, 'no-pkce'));
  assert.equal(response.statusCode, 303);
  assert.equal(new URL(String(response.headers.location)).searchParams.get('error'), 'invalid_request');
});

test('an unknown redirect URI is refused without redirecting', async () => {
  const url = authorizeUrl(pkce().challenge, 's').replace(encodeURIComponent(REDIRECT_URI), encodeURIComponent('https://evil.example/cb'));
  const response = await browse(new CookieJar(), 'GET', url);
  assert.equal(response.statusCode, 400);
  assert.match(String(response.headers['content-type']), /text\/html/);
});

test('a sign-in page without its interaction cookie is refused', async () => {
  const start = await browse(new CookieJar(), 'GET', authorizeUrl(pkce().challenge, 's'));
  const page = await identity.inject({ method: 'GET', url: String(start.headers.location) });
  assert.equal(page.statusCode, 400);
});
