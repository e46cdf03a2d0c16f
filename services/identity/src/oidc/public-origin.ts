import type { IncomingMessage } from 'node:http';

/**
 * Makes the provider build every URL (discovery, redirects, cookies' `secure`) from the public
 * origin, whatever Host the request came with (the gateway, a replica's own port, or `inject()`).
 * The provider runs with `proxy = true`, so it reads these forwarded headers.
 */
export function pinPublicOrigin(raw: IncomingMessage, publicUrl: string): void {
  const origin = new URL(publicUrl);
  raw.headers['x-forwarded-host'] = origin.host;
  raw.headers['x-forwarded-proto'] = origin.protocol.slice(0, -1);
}
