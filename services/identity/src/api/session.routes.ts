import { kitErrors, problem, type ServiceApp } from '@mercato/kit';
import { Type } from '@sinclair/typebox';
import { authenticate } from '../domain/credentials.ts';
import { hashPassword } from '../domain/passwords.ts';
import { endAllSessions, refreshSession, startSession } from '../domain/sessions.ts';
import { identityErrors } from '../errors.ts';
import type { Identity } from '../identity.ts';
import { findAccountRow, setPasswordHash } from '../store/accounts.store.ts';
import { revokeAccountRefreshTokens, revokeRefreshToken } from '../store/refresh-tokens.store.ts';
import { LoginInput, LogoutInput, PasswordChange, RefreshInput, TokenResponse } from './schemas.ts';

const tags = ['sessions'];
const noStore = { 'cache-control': 'no-store' };

/**
 * The first-party login API (tests, scripts, the apps' own forms): the same access tokens as the
 * OpenID provider issues, with rotating refresh tokens of its own.
 */
export function sessionRoutes(app: ServiceApp, identity: Identity): void {
  const { db } = identity;

  app.post(
    '/api/identity/login',
    { config: { access: 'public' }, schema: { tags, summary: 'Sign in with email and password', body: LoginInput, response: { 200: TokenResponse } } },
    async (request, reply) => {
      const account = await authenticate(identity, request.body.email, request.body.password);
      return reply.headers(noStore).send(await startSession(identity, account.id, account.roles));
    },
  );

  app.post(
    '/api/identity/token',
    { config: { access: 'public' }, schema: { tags, summary: 'Exchange a refresh token (it is rotated)', body: RefreshInput, response: { 200: TokenResponse } } },
    async (request, reply) => reply.headers(noStore).send(await refreshSession(identity, request.body.refresh_token)),
  );

  app.post(
    '/api/identity/logout',
    {
      config: { access: 'public' },
      schema: { tags, summary: "Sign out: revokes the given refresh token's family, or all of the caller's", body: Type.Optional(LogoutInput), response: { 204: Type.Null() } },
    },
    async (request, reply) => {
      const refreshToken = request.body?.refresh_token;
      const principal = request.principal;
      if (refreshToken) {
        // Unknown or already revoked tokens also get 204: signing out is idempotent (as RFC 7009).
        await revokeRefreshToken(db, refreshToken);
      } else if (principal && !principal.machine) {
        await revokeAccountRefreshTokens(db, principal.sub);
      } else {
        throw problem(identityErrors.logoutNeedsToken);
      }
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/identity/password',
    { config: { access: 'authenticated' }, schema: { tags, summary: 'Change the password; ends every session', body: PasswordChange, response: { 204: Type.Null() } } },
    async (request, reply) => {
      const principal = request.principal!;
      const row = principal.machine ? undefined : await findAccountRow(db, principal.sub);
      if (!row) throw problem(kitErrors.forbidden, 'Only a person can change a password');
      try {
        await authenticate(identity, row.email, request.body.currentPassword);
      } catch (error) {
        const status = (error as { status?: number }).status;
        if (status === 401) throw problem(identityErrors.currentPasswordWrong);
        throw error;
      }
      await setPasswordHash(db, row.id, await hashPassword(request.body.newPassword));
      await endAllSessions(identity, row.id);
      return reply.code(204).send(null);
    },
  );
}
