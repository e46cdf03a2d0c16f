import * as oauth from 'oauth4webapi';
import { saveTokens, type Tokens } from './tokens.ts';

/** OIDC authorization code + PKCE against the platform's own issuer (the gateway's origin). */
const CLIENT: oauth.Client = { client_id: 'admin' };
const SCOPE = 'openid profile email offline_access';
const PENDING_KEY = 'mercato.admin.pending-sign-in';

const redirectUri = () => `${location.origin}/admin/callback`;
/** The platform runs on plain http in development; oauth4webapi refuses that unless told. */
const transport = () => (location.protocol === 'http:' ? { [oauth.allowInsecureRequests]: true } : {});

let discovery: Promise<oauth.AuthorizationServer> | undefined;

function authorizationServer(): Promise<oauth.AuthorizationServer> {
  discovery ??= (async () => {
    const issuer = new URL(location.origin);
    return oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { algorithm: 'oidc', ...transport() }));
  })().catch((error: unknown) => {
    discovery = undefined;
    throw error;
  });
  return discovery;
}

function tokensOf(response: oauth.TokenEndpointResponse, previous?: Tokens): Tokens {
  return {
    accessToken: response.access_token,
    refreshToken: response.refresh_token ?? previous?.refreshToken,
    idToken: response.id_token ?? previous?.idToken,
    expiresAt: Date.now() + (response.expires_in ?? 300) * 1000,
  };
}

/** Redirects to the issuer's sign-in; `returnTo` is the admin path to come back to. */
export async function signIn(returnTo: string): Promise<void> {
  const as = await authorizationServer();
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  sessionStorage.setItem(PENDING_KEY, JSON.stringify({ verifier, state, returnTo }));
  const url = new URL(as.authorization_endpoint!);
  url.search = new URLSearchParams({
    client_id: CLIENT.client_id,
    redirect_uri: redirectUri(),
    response_type: 'code',
    scope: SCOPE,
    prompt: 'consent',
    state,
    code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  }).toString();
  location.assign(url);
}

let completing: Promise<string> | undefined;

/** Exchanges the callback's code for tokens; answers the path to return to. Runs once per page load. */
export function completeSignIn(callbackUrl: URL): Promise<string> {
  completing ??= (async () => {
    const pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) ?? 'null') as { verifier: string; state: string; returnTo: string } | null;
    if (!pending) throw new Error('No sign-in is in progress in this tab. Start again.');
    sessionStorage.removeItem(PENDING_KEY);
    const as = await authorizationServer();
    const params = oauth.validateAuthResponse(as, CLIENT, callbackUrl, pending.state);
    const response = await oauth.authorizationCodeGrantRequest(as, CLIENT, oauth.None(), params, redirectUri(), pending.verifier, transport());
    saveTokens(tokensOf(await oauth.processAuthorizationCodeResponse(as, CLIENT, response)));
    return pending.returnTo;
  })();
  return completing;
}

/** New tokens from the refresh token, or null when the session cannot be renewed. */
export async function refreshTokens(current: Tokens): Promise<Tokens | null> {
  if (!current.refreshToken) return null;
  try {
    const as = await authorizationServer();
    const response = await oauth.refreshTokenGrantRequest(as, CLIENT, oauth.None(), current.refreshToken, transport());
    const tokens = tokensOf(await oauth.processRefreshTokenResponse(as, CLIENT, response), current);
    saveTokens(tokens);
    return tokens;
  } catch {
    return null;
  }
}

/** Forgets the tokens and ends the issuer's session (RP-initiated logout). */
export async function signOut(current: Tokens | null): Promise<void> {
  saveTokens(null);
  const as = await authorizationServer().catch(() => undefined);
  if (!as?.end_session_endpoint) return;
  const url = new URL(as.end_session_endpoint);
  url.searchParams.set('client_id', CLIENT.client_id);
  url.searchParams.set('post_logout_redirect_uri', `${location.origin}/admin/`);
  if (current?.idToken) url.searchParams.set('id_token_hint', current.idToken);
  location.assign(url);
}
