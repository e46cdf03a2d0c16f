/** Response headers that belong to one hop and are never forwarded. */
export const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'content-length',
]);

/** Request headers the edge drops: hop-by-hop ones and any attempt to pose as an internal caller. */
export function forwardableRequestHeader(name: string): boolean {
  return !HOP_BY_HOP.has(name) && name !== 'host' && !name.startsWith('x-mercato-') && name !== 'traceparent' && name !== 'tracestate';
}

/** Which service a public path belongs to, or undefined. */
export function routeToService(path: string, services: readonly string[]): string | undefined {
  if (path.startsWith('/.well-known/') || path.startsWith('/oidc/')) return services.includes('identity') ? 'identity' : undefined;
  const match = /^\/api\/([a-z][a-z0-9-]*)(?:\/|$|\?)/.exec(path);
  return match && services.includes(match[1]!) ? match[1] : undefined;
}
