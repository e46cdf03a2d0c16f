import * as oauth from 'oauth4webapi';
import { clearPendingSignIn, loadPendingSignIn, savePendingSignIn, type Session } from './session.ts';

/** Sign-in with the platform's OpenID provider: authorization code + PKCE, a public client. */

const client: oauth.Client = { client_id: 'storefront' };
const clientAuth = oauth.None();
const SCOPE = 'openid profile email offline_access';
// The platform runs on plain http in development; oauth4webapi refuses that unless told.
const http = () => ({ [oauth.allowInsecureRequests]: location.protocol === 'http:' });
const redirectUri = () => `${location.origin}/callback`;

let discovered: Promise<oauth.AuthorizationServer> | undefined;

/** The provider's metadata from `/.well-known/openid-configuration`; the issuer is this origin. */
function authorizationServer(): Promise<oauth.AuthorizationServer> {
  if (!discovered) {
    const issuer = new URL(location.origin);
    discovered = oauth
      .discoveryRequest(issuer, { algorithm: 'oidc', ...http() })
      .then((response) => oauth.processDiscoveryResponse(issuer, response))
      .catch((error: unknown) => {
        discovered = undefined;
        throw error;
      });
  }
  return discovered;
}

function sessionFrom(result: oauth.TokenEndpointResponse, previous?: Session): Session {
  return {
    accessToken: result.access_token,
    refreshToken: result.refresh_token ?? previous?.refreshToken ?? null,
    idToken: result.id_token ?? previous?.idToken ?? null,
    expiresAt: Date.now() + (result.expires_in ?? 300) * 1000,
  };
}

/** Sends the browser to the provider's sign-in page; `returnTo` is where the callback lands afterwards. */
export async function startSignIn(returnTo: string): Promise<void> {
  const as = await authorizationServer();
  const codeVerifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const nonce = oauth.generateRandomNonce();
  savePendingSignIn({ state, codeVerifier, nonce, returnTo });
  const url = new URL(as.authorization_endpoint!);
  url.search = new URLSearchParams({
    client_id: client.client_id,
    response_type: 'code',
    redirect_uri: redirectUri(),
    scope: SCOPE,
    // A refresh token (offline_access) is only granted with prompt=consent (OIDC Core §11).
    prompt: 'consent',
    state,
    nonce,
    code_challenge: await oauth.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
  }).toString();
  location.assign(url);
}

/** Finishes a sign-in on `/callback`: checks the state, swaps the code (with the PKCE verifier) for tokens. */
export async function completeSignIn(callbackUrl: URL): Promise<{ session: Session; returnTo: string }> {
  const pending = loadPendingSignIn();
  if (!pending) throw new Error('This sign-in was not started here or has already been used. Please sign in again.');
  clearPendingSignIn();
  const as = await authorizationServer();
  const params = oauth.validateAuthResponse(as, client, callbackUrl, pending.state);
  const response = await oauth.authorizationCodeGrantRequest(as, client, clientAuth, params, redirectUri(), pending.codeVerifier, http());
  const result = await oauth.processAuthorizationCodeResponse(as, client, response, { expectedNonce: pending.nonce, requireIdToken: true });
  return { session: sessionFrom(result), returnTo: pending.returnTo };
}

/** A fresh access token from the refresh token (which rotates). */
export async function refreshSession(session: Session): Promise<Session> {
  if (!session.refreshToken) throw new Error('No refresh token');
  const as = await authorizationServer();
  const response = await oauth.refreshTokenGrantRequest(as, client, clientAuth, session.refreshToken, http());
  return sessionFrom(await oauth.processRefreshTokenResponse(as, client, response), session);
}

/** Where to send the browser to end the provider's session too, then come back home; null if the provider has no end_session endpoint. */
export async function endSessionUrl(session: Session | null): Promise<URL | null> {
  const as = await authorizationServer().catch(() => null);
  if (!as?.end_session_endpoint) return null;
  if (session?.refreshToken) {
    // Revoke the long-lived token first, so it is useless even if the tab's storage leaked.
    await oauth.revocationRequest(as, client, clientAuth, session.refreshToken, http()).catch(() => undefined);
  }
  const url = new URL(as.end_session_endpoint);
  url.searchParams.set('client_id', client.client_id);
  url.searchParams.set('post_logout_redirect_uri', `${location.origin}/`);
  if (session?.idToken) url.searchParams.set('id_token_hint', session.idToken);
  return url;
}
