import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header a provider webhook's signature travels in. */
export const SIGNATURE_HEADER = 'mercato-signature';

/**
 * `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" keyed with the webhook secret>`. The
 * timestamp is signed too, so an old webhook cannot be replayed once it is past the tolerance.
 */
export function signWebhook(rawBody: string, secret: string, now = Date.now()): string {
  const t = Math.floor(now / 1000);
  return `t=${t},v1=${hmac(secret, `${t}.${rawBody}`)}`;
}

/** Whether the header signs this body with this secret, within the tolerance. */
export function verifyWebhookSignature(rawBody: string, header: string | undefined, secret: string, toleranceSeconds: number, now = Date.now()): boolean {
  if (!header) return false;
  const parts = new Map(header.split(',').map((part) => part.trim().split('=', 2) as [string, string]));
  const t = Number(parts.get('t'));
  const given = parts.get('v1');
  if (!Number.isInteger(t) || !given || !/^[0-9a-f]{64}$/.test(given)) return false;
  if (Math.abs(now / 1000 - t) > toleranceSeconds) return false;
  return timingSafeEqual(Buffer.from(given, 'hex'), Buffer.from(hmac(secret, `${t}.${rawBody}`), 'hex'));
}

function hmac(secret: string, text: string): string {
  return createHmac('sha256', secret).update(text).digest('hex');
}
