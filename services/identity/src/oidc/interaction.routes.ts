import type { IncomingMessage, ServerResponse } from 'node:http';
import { ProblemError, type ServiceApp } from '@mercato/kit';
import { Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import { errors } from 'oidc-provider';
import { authenticate } from '../domain/credentials.ts';
import type { Identity } from '../identity.ts';
import { FIRST_PARTY_CLIENT_IDS } from './first-party-clients.ts';
import { pinPublicOrigin } from './public-origin.ts';
import { errorPage, loginPage } from './pages.ts';

const Params = Type.Object({ uid: Type.String({ minLength: 1, maxLength: 100 }) });
const options = { config: { access: 'public' as const }, schema: { hide: true, params: Params } };

/** The sign-in step of the authorization code flow: a server-rendered form, consent implied. */
export function interactionRoutes(app: ServiceApp, identity: Identity): void {
  app.get('/oidc/interaction/:uid', options, async (request, reply) => {
    const { provider, details } = await interaction(identity, request.params.uid, request.raw, reply.raw);
    if (!details) return sendPage(reply, 400, expiredPage());
    const clientId = String(details.params.client_id);
    if (details.prompt.name === 'login') {
      const client = await provider.Client.find(clientId);
      return sendPage(reply, 200, loginPage({ action: `/oidc/interaction/${details.uid}/login`, clientName: client?.clientName ?? clientId }));
    }
    // Consent: only reached for a first-party app whose grant lacks something; grant it and go on.
    if (!FIRST_PARTY_CLIENT_IDS.includes(clientId) || !details.session?.accountId) {
      const denied = { error: 'access_denied', error_description: 'Only Mercato apps can sign in here' };
      return reply.redirect(await provider.interactionResult(request.raw, reply.raw, denied), 303);
    }
    const missing = details.prompt.details as { missingOIDCScope?: string[]; missingResourceScopes?: Record<string, string[]> };
    const grant = details.grantId
      ? (await provider.Grant.find(details.grantId))!
      : new provider.Grant({ accountId: details.session.accountId, clientId });
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant.addResourceScope(indicator, scopes.join(' '));
    const grantId = await grant.save();
    return reply.redirect(await provider.interactionResult(request.raw, reply.raw, { consent: { grantId } }), 303);
  });

  app.post('/oidc/interaction/:uid/login', options, async (request, reply) => {
    const { provider, details } = await interaction(identity, request.params.uid, request.raw, reply.raw);
    if (!details || details.prompt.name !== 'login') return sendPage(reply, 400, expiredPage());
    const form = new URLSearchParams(typeof request.body === 'string' ? request.body : '');
    const email = form.get('email') ?? '';
    const clientId = String(details.params.client_id);
    const client = await provider.Client.find(clientId);
    const page = { action: `/oidc/interaction/${details.uid}/login`, clientName: client?.clientName ?? clientId, email };
    try {
      const account = await authenticate(identity, email, form.get('password') ?? '');
      const login = { login: { accountId: account.id } };
      return reply.redirect(await provider.interactionResult(request.raw, reply.raw, login, { mergeWithLastSubmission: false }), 303);
    } catch (error) {
      if (!(error instanceof ProblemError)) throw error;
      for (const [name, value] of Object.entries(error.headers)) reply.header(name, value);
      return sendPage(reply, error.status, loginPage({ ...page, error: error.detail ?? error.spec.title }));
    }
  });
}

/** The interaction this browser is in (by its cookie), if it is the one in the URL and still alive. */
async function interaction(identity: Identity, uid: string, req: IncomingMessage, res: ServerResponse) {
  const { provider } = await identity.oidc.current();
  pinPublicOrigin(req, identity.ctx.publicUrl);
  try {
    const details = await provider.interactionDetails(req, res);
    return { provider, details: details.uid === uid ? details : undefined };
  } catch (error) {
    if (error instanceof errors.SessionNotFound) return { provider, details: undefined };
    throw error;
  }
}

function expiredPage(): string {
  return errorPage({ error: 'interaction_expired', error_description: 'This sign-in page has expired. Go back to the shop and sign in again.' });
}

function sendPage(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'")
    .type('text/html; charset=utf-8')
    .send(html);
}
