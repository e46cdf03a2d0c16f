import type { LightMyRequestResponse } from 'fastify';

interface Cookie {
  name: string;
  value: string;
  path: string;
}

/** Just enough of a browser's cookie jar to drive the OIDC flow through `inject()`. */
export class CookieJar {
  private cookies = new Map<string, Cookie>();

  /** Stores the cookies a response sets (an expired one removes the cookie). */
  take(response: LightMyRequestResponse): void {
    for (const c of response.cookies as Array<{ name: string; value: string; path?: string; maxAge?: number; expires?: Date }>) {
      const key = `${c.name};${c.path ?? '/'}`;
      const expired = c.maxAge === 0 || (c.expires !== undefined && c.expires.getTime() <= Date.now());
      if (expired || c.value === '') this.cookies.delete(key);
      else this.cookies.set(key, { name: c.name, value: c.value, path: c.path ?? '/' });
    }
  }

  /** The Cookie header a browser would send to `url`. */
  header(url: string): string {
    const path = new URL(url, 'http://x').pathname;
    return [...this.cookies.values()]
      .filter((c) => path === c.path || path.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`))
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
  }
}
