import { TokenVerifier } from '@mercato/kit';
import { startTestService, type TestService } from '@mercato/testing';
import type { LightMyRequestResponse } from 'fastify';
import identity from '../src/main.ts';

/** The public URL (and so the issuer) startTestService gives every service. */
export const ISSUER = 'http://mercato.test';
/** The seeded administrator and the password the tests seed it with. */
export const ADMIN_EMAIL = 'admin@mercato.local';
/** See ADMIN_EMAIL. */
export const ADMIN_PASSWORD = 'admin-password-for-tests';
/** The secret the tests seed the demo-erp machine client with. */
export const DEMO_CLIENT_SECRET = 'demo-erp-secret-for-tests-0123456789';
/** The password accounts registered by the tests use. */
export const PASSWORD = 'correct horse battery staple';

/** Starts identity on a fresh, seeded database with known admin and demo-client credentials. */
export function startIdentity(env: Record<string, string> = {}): Promise<TestService> {
  return startTestService(identity, {
    seed: true,
    env: { MERCATO_ADMIN_PASSWORD: ADMIN_PASSWORD, MERCATO_DEMO_CLIENT_SECRET: DEMO_CLIENT_SECRET, ...env },
  });
}

/** A kit verifier trusting identity's published JWKS, as every other service does. */
export function verifierFor(service: TestService): TokenVerifier {
  return new TokenVerifier(async () => (await service.inject({ method: 'GET', url: '/oidc/jwks' })).json(), ISSUER);
}

/** A unique email, so tests never depend on each other's data. */
export function uniqueEmail(tag = 'user'): string {
  return `${tag}-${Math.random().toString(36).slice(2, 10)}@example.com`;
}

/** Registers an account; returns the response. */
export function register(service: TestService, email: string, password = PASSWORD, name = 'Test Person'): Promise<LightMyRequestResponse> {
  return service.request('POST', '/api/identity/accounts', { body: { email, password, name } });
}

/** Signs in through the login API; returns the response. */
export function login(service: TestService, email: string, password = PASSWORD): Promise<LightMyRequestResponse> {
  return service.request('POST', '/api/identity/login', { body: { email, password } });
}

/** Signs in and returns the token response, failing loudly otherwise. */
export async function tokensFor(service: TestService, email: string, password = PASSWORD) {
  const response = await login(service, email, password);
  if (response.statusCode !== 200) throw new Error(`login failed: ${response.statusCode} ${response.body}`);
  return response.json() as { access_token: string; refresh_token: string; expires_in: number; scope: string; token_type: string };
}

/** The decoded header and payload of a JWT (no verification). */
export function decodeJwt(token: string): { header: Record<string, unknown>; payload: Record<string, unknown> } {
  const [header, payload] = token.split('.').slice(0, 2).map((part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')));
  return { header, payload };
}

/** A form-encoded body. */
export function form(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

/** HTTP Basic credentials for a client. */
export function basic(clientId: string, secret: string): string {
  return `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString('base64')}`;
}
